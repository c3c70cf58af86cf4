namespace Reproduce.Harness.Execution.Workers;

/// <summary>What a line of a worker's standard output carries (<see cref="WorkerProtocol"/>).</summary>
public enum WorkerMessageKind
{
    /// <summary>Any other text (libtorch's own output, a crash dump): logged as it is.</summary>
    Text,

    /// <summary>A log event of the worker, to be written to the parent's log as if the parent had logged it.</summary>
    Log,

    /// <summary>The stage's progress: a fraction and a short status.</summary>
    Progress,

    /// <summary>The stage is done and committed; the message carries the worker's working set after it.</summary>
    Done,

    /// <summary>The stage was skipped (its data set cannot be had here); the text says why.</summary>
    Skipped,

    /// <summary>The stage failed; the text is its error, as the in-process executor would report it.</summary>
    Failed,
}
