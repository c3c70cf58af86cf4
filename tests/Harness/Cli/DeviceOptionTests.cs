using Reproduce.Harness.Cli;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Runs;
using Reproduce.Harness.Stages;
using Xunit;

namespace Reproduce.Tests.Harness.Cli;

/// <summary><c>--device cpu|cuda|auto</c>: parsed strictly, carried to the stages (and Slurm jobs), never part of a stage key.</summary>
public sealed class DeviceOptionTests
{
    private static WorkspaceOptions Parse(params string[] args) => Commands.Options(CliArguments.Parse(args, Commands.Valued, []));

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda")]
    [InlineData("auto")]
    public void DeviceOptionIsRead(string device) => Assert.Equal(device, Parse("--device", device).Device);

    [Fact]
    public void WithoutTheOptionTheSpecsDecide() => Assert.Null(Parse("--profile", "smoke").Device);

    [Fact]
    public void AnUnknownDeviceIsRefusedByName()
    {
        var e = Assert.Throws<CliException>(() => Parse("--device", "gpu"));
        Assert.Contains("--device expects cpu, cuda or auto, found 'gpu'", e.Message);
    }

    [Fact]
    public void TheDeviceOverrideLeavesEveryStageKeyUnchanged()
    {
        var root = RepoRoot.Find();
        var plain = Workspace.Open(new WorkspaceOptions(root, "smoke"));
        var cuda = Workspace.Open(new WorkspaceOptions(root, "smoke", Device: "cuda"));
        Assert.Equal(plain.Graph.Stages.Select(s => (s.Id, s.Key)), cuda.Graph.Stages.Select(s => (s.Id, s.Key)));
    }

    [Fact]
    public void SlurmJobsCarryTheDevice()
    {
        var ws = Workspace.Open(new WorkspaceOptions(RepoRoot.Find(), "smoke", Device: "cpu"));
        var line = StageCommand.At("/opt/reproduce/reproduce.dll", "/usr/bin/dotnet").For(ws.Graph.Stages.First(), ws.Options, ws.Root);
        Assert.Contains("--device cpu", line);
    }

    [Fact]
    public void CudaWithoutCudaLibtorchIsAClearStageFailure()
    {
        if (TorchSharp.torch.cuda.is_available()) return; // a CUDA build resolves it
        var e = Assert.Throws<StageFailedException>(() => DeviceChoice.Resolve("cuda"));
        Assert.Contains("no CUDA", e.Message);
    }
}
