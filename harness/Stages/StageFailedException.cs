namespace Reproduce.Harness.Stages;

/// <summary>A stage could not run; the message says which stage and why, for the user.</summary>
public sealed class StageFailedException(string message, Exception? inner = null) : Exception(message, inner);
