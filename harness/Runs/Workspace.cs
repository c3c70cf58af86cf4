using Reproduce.Harness.Cache;
using Reproduce.Harness.Data;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Specs;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Runs;

/// <summary>
/// The specs of a repository resolved for one profile, their plan, and the cache that holds their results: what both
/// the CLI and the F# build work from.
/// </summary>
public sealed class Workspace
{
    /// <summary>Repository root.</summary>
    public string Root { get; }

    /// <summary>The data cache (the options' data directory, else REPRODUCE_DATA, else artifacts/data).</summary>
    public string DataDirectory { get; }

    /// <summary>The stage cache (artifacts/cache).</summary>
    public StageCache Cache { get; }

    /// <summary>The resolved specs.</summary>
    public IReadOnlyList<ExperimentSpec> Specs { get; }

    /// <summary>Experiments whose spec the profile leaves out (<c>enabled: false</c>): loaded and checked, not planned.</summary>
    public IReadOnlyList<string> Disabled { get; private init; } = [];

    /// <summary>The stage graph of <see cref="Specs"/>.</summary>
    public StageGraph Graph { get; }

    /// <summary>The options it was opened with.</summary>
    public WorkspaceOptions Options { get; }

    private Workspace(string root, WorkspaceOptions options, IReadOnlyList<ExperimentSpec> specs)
    {
        Root = root;
        Options = options;
        Specs = specs;
        DataDirectory = options.DataDirectory is { } data ? Path.GetFullPath(data) : DataCache.Resolve(root);
        Cache = new StageCache(Path.Combine(root, "artifacts", "cache"));
        // The data folder's contents are an input of the plan: a folder marked synthetic gets its own data keys.
        Graph = Planner.Plan(specs, DataIdentities.Read(DataDirectory));
    }

    /// <summary>Loads the specs and plans them. Throws <see cref="SpecException"/> for a user's mistake in a spec.</summary>
    public static Workspace Open(WorkspaceOptions options)
    {
        var root = Path.GetFullPath(options.Root ?? FindRoot(Directory.GetCurrentDirectory()));
        var specs = SpecFiles.Resolve(root, options.Spec).Select(f => SpecLoader.Load(Relative(root, f), options.Profile, root)).ToList();
        // A profile may leave experiments out (enabled: false); they are checked like the rest, then not planned.
        return new Workspace(root, options, specs.Where(s => s.Enabled).ToList()) { Disabled = specs.Where(s => !s.Enabled).Select(s => s.Name).ToList() };
    }

    /// <summary>The state of every planned stage in the cache.</summary>
    public IReadOnlyList<(Stage Stage, StageState State, string? Problem)> Inspect() =>
        Graph.Stages.Select(s => (s, Cache.Inspect(s, out var p), p)).ToList();

    /// <summary>
    /// An in-process executor over this workspace's graph with every stage runner; <paramref name="skips"/>: the session's
    /// ledger; <paramref name="lockedByCaller"/>: in a worker, whose parent holds the stage's lock.
    /// </summary>
    public StageExecutor Executor(IProgressSink progress, SkipLedger? skips = null, bool lockedByCaller = false) =>
        new(Graph, Cache, DataDirectory, StageRunners.All(), progress, Options.JobCount, Options.Device, Options.ThreadsPerJob, skips, lockedByCaller);

    /// <summary>The nearest folder at or above <paramref name="start"/> holding Reproduce.sln; else <paramref name="start"/>.</summary>
    public static string FindRoot(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Reproduce.sln"))) return d.FullName;
        return start;
    }

    private static string Relative(string root, string file)
    {
        var rel = Path.GetRelativePath(root, file);
        return rel.StartsWith("..", StringComparison.Ordinal) ? file : rel;
    }
}
