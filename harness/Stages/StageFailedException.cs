namespace Reproduce.Harness.Stages;

/// <summary>A stage could not run; the message says which stage and why, for the user.</summary>
public sealed class StageFailedException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>True when the stage did not run because an input stage failed (it is not a failure of its own).</summary>
    public bool InputFailed { get; init; }
}
