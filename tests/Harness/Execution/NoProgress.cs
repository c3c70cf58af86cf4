using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>A progress sink that shows nothing.</summary>
public sealed class NoProgress : IProgressSink
{
    public IStageProgressHandle Start(Stage stage) => new Handle();

    private sealed class Handle : IStageProgressHandle
    {
        public void Report(double fraction, string status) { }

        public void Dispose() { }
    }
}
