namespace Reproduce.Harness.Execution.Workers;

/// <summary>A run's request to one of its workers: compute the stage of this kind and key (<see cref="WorkerProtocol.Request"/>).</summary>
/// <param name="Kind">The stage's kind, e.g. <c>train</c>.</param>
/// <param name="Key">The stage's key (16 hex digits).</param>
public sealed record WorkerRequest(string Kind, string Key);
