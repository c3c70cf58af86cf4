using Serilog.Events;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>One line of a worker's standard output, decoded (<see cref="WorkerProtocol.Parse"/>).</summary>
/// <param name="Kind">What the line carries.</param>
/// <param name="Text">The text: the line itself (<see cref="WorkerMessageKind.Text"/>), the status (progress), the reason
/// (skipped) or the error (failed); for a log event, its rendered message.</param>
/// <param name="Fraction">Progress: the fraction done, 0..1.</param>
/// <param name="Event">Log: the event, with its template, level, timestamp and properties.</param>
/// <param name="WorkingSet">Done: the worker's resident memory after the stage, in bytes.</param>
public sealed record WorkerMessage(WorkerMessageKind Kind, string Text, double Fraction = 0, LogEvent? Event = null, long WorkingSet = 0);
