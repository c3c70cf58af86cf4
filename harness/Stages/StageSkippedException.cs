namespace Reproduce.Harness.Stages;

/// <summary>
/// A stage was not run because what it needs cannot be had on this machine (a data set that cannot be fetched), not
/// because something went wrong: the run goes on without it and the report says why. Its dependents are skipped too.
/// </summary>
public sealed class StageSkippedException(string message) : Exception(message);
