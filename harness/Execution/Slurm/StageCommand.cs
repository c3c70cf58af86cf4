using System.Text;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Runs;

namespace Reproduce.Harness.Execution.Slurm;

/// <summary>
/// The shell command a job runs: the built CLI's <c>reproduce stage run KIND KEY</c> over the same root, profile and
/// specs, so any node that sees the repository and the cache can run any stage. The CLI is the repository's
/// <c>harness/bin/Release/net10.0/linux-x64/reproduce.dll</c> (built by <c>./build.sh</c> and <c>./build.sh Compile</c>;
/// <c>REPRODUCE_CLI</c> names another), started with the <c>dotnet</c> that runs this process. Local worker processes
/// run the same CLI as <c>reproduce stage serve</c> over the same options (<see cref="LocateForWorkers"/>, <see cref="ServeArguments"/>).
/// </summary>
public sealed class StageCommand
{
    /// <summary>The CLI's path relative to the repository.</summary>
    public static readonly string RelativeCli = Path.Combine("harness", "bin", "Release", "net10.0", "linux-x64", "reproduce.dll");

    /// <summary>The CLI the jobs run.</summary>
    public string Cli { get; }

    /// <summary>The dotnet host the jobs start.</summary>
    public string Dotnet { get; }

    private StageCommand(string cli, string dotnet)
    {
        Cli = cli;
        Dotnet = dotnet;
    }

    /// <summary>Finds the built CLI and the dotnet host; throws <see cref="SlurmException"/> saying how to build it when it is missing.</summary>
    public static StageCommand Locate()
    {
        var cli = Environment.GetEnvironmentVariable("REPRODUCE_CLI") is { Length: > 0 } given ? Path.GetFullPath(given)
            : Path.Combine(Workspace.FindRoot(AppContext.BaseDirectory), RelativeCli);
        if (!File.Exists(cli))
            throw new SlurmException($"the Slurm jobs run the built CLI, and {cli} does not exist: run `./build.sh Compile` " +
                                     "(or `dotnet build harness -c Release`) first, or set REPRODUCE_CLI to a built reproduce.dll");
        return new StageCommand(cli, DotnetHost());
    }

    /// <summary>
    /// The CLI that local worker processes run: <c>REPRODUCE_CLI</c> when set; else the <c>reproduce.dll</c> beside this
    /// process's own assemblies (the CLI itself, or the copy that the build, the tests and the benchmarks carry), so that
    /// a worker runs the very code of the run that started it; else the repository's build. Throws
    /// <see cref="InvalidOperationException"/> saying how to build it when none exists.
    /// </summary>
    public static StageCommand LocateForWorkers()
    {
        if (Environment.GetEnvironmentVariable("REPRODUCE_CLI") is { Length: > 0 } given) return new StageCommand(Path.GetFullPath(given), DotnetHost());
        var beside = Path.Combine(AppContext.BaseDirectory, "reproduce.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return new StageCommand(beside, DotnetHost());
        var built = Path.Combine(Workspace.FindRoot(AppContext.BaseDirectory), RelativeCli);
        return File.Exists(built) ? new StageCommand(built, DotnetHost())
            : throw new InvalidOperationException($"the worker processes run the built CLI, and neither {beside} nor {built} exists: " +
                                                  "run `./build.sh Compile` (or `dotnet build harness -c Release`), or set REPRODUCE_CLI to a built reproduce.dll");
    }

    /// <summary>Jobs that run <paramref name="cli"/> with <paramref name="dotnet"/> (default: the dotnet host running this process).</summary>
    public static StageCommand At(string cli, string? dotnet = null) => new(Path.GetFullPath(cli), dotnet ?? DotnetHost());

    /// <summary>
    /// The arguments of <see cref="Dotnet"/> that run <paramref name="stage"/> with the workspace <paramref name="options"/>
    /// over <paramref name="root"/>: the same root, profile, spec filter and device as the run, so the stage and its key are
    /// planned exactly as there, and the run's <c>--threads-per-job</c> when it was given.
    /// </summary>
    public IReadOnlyList<string> Arguments(Stage stage, WorkspaceOptions options, string root) =>
        [Cli, "stage", "run", stage.Kind, stage.Key, .. WorkspaceWords(options, root)];

    /// <summary>
    /// The arguments of <see cref="Dotnet"/> that start a worker of the local executor (<c>stage serve</c>), which plans as
    /// the run does over <paramref name="root"/> with <paramref name="options"/> and then runs the stages it is sent.
    /// </summary>
    public IReadOnlyList<string> ServeArguments(WorkspaceOptions options, string root) => [Cli, "stage", "serve", .. WorkspaceWords(options, root)];

    private static List<string> WorkspaceWords(WorkspaceOptions options, string root)
    {
        var words = new List<string> { "--root", root, "--profile", options.Profile ?? "base" };
        if (options.Device is { } device) words.AddRange(["--device", device]);
        if (options.Spec is not null) words.AddRange(["--spec", options.Spec]);
        // Only when asked for: a Slurm job otherwise computes with the CPUs Slurm gave it.
        if (options.Threads is { } threads) words.AddRange(["--threads-per-job", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return words;
    }

    /// <summary>The sh command line that runs <paramref name="stage"/> with the workspace <paramref name="options"/> over <paramref name="root"/>.</summary>
    public string For(Stage stage, WorkspaceOptions options, string root)
    {
        var words = new List<string> { Dotnet };
        words.AddRange(Arguments(stage, options, root));
        // .NET reads DOTNET_PROCESSOR_COUNT as its processor count: training then uses the CPUs Slurm gave the job.
        return "export DOTNET_PROCESSOR_COUNT=${SLURM_CPUS_PER_TASK:-1}; exec " + string.Join(' ', words.Select(Quote));
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var home = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (home is not null && File.Exists(Path.Combine(home, "dotnet"))) return Path.Combine(home, "dotnet");
        return "dotnet";
    }

    private static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:+,@".Contains(c))) return word;
        var b = new StringBuilder("'");
        foreach (var c in word) b.Append(c == '\'' ? "'\\''" : c.ToString());
        return b.Append('\'').ToString();
    }
}
