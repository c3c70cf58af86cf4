using Reproduce.Harness.Cache;
using Reproduce.Harness.Data;
using Reproduce.Harness.Execution;
using Reproduce.Harness.Execution.Slurm;
using Reproduce.Harness.Execution.Workers;
using Reproduce.Harness.Runs;

namespace Reproduce.Harness.Cli;

/// <summary>The CLI's commands over a workspace: plan, run, data, stage run, digest, clean.</summary>
public static class Commands
{
    /// <summary>Options every workspace command takes.</summary>
    public static readonly string[] Valued = ["profile", "spec", "root", "jobs", "device", "threads-per-job"];

    /// <summary>Opens the workspace from the common options; the profile defaults to quick, "base" means none.</summary>
    public static WorkspaceOptions Options(CliArguments a)
    {
        var profile = a.Value("profile") ?? "quick";
        var device = a.Value("device");
        if (device is not (null or "cpu" or "cuda" or "auto"))
            throw new CliException($"--device expects cpu, cuda or auto, found '{device}'");
        int? jobs = a.Has("jobs") ? a.PositiveInt("jobs", 1) : null;
        int? threads = a.Has("threads-per-job") ? a.PositiveInt("threads-per-job", 1) : null;
        return new WorkspaceOptions(a.Value("root"), profile == "base" ? null : profile, a.Value("spec"), jobs, device, threads);
    }

    /// <summary><c>plan</c>: prints the stage graph and each stage's state; runs nothing.</summary>
    public static int Plan(CliArguments a)
    {
        var ws = Workspace.Open(Options(a));
        if (a.Has("json")) PlanPrinter.Json(ws, Console.Out);
        else PlanPrinter.Table(ws, Console.Out);
        return 0;
    }

    /// <summary>The valued options of <c>run</c>: the common ones and <c>--executor local|inprocess|slurm</c>.</summary>
    public static readonly string[] RunValued = [.. Valued, "executor"];

    /// <summary>The flags of <c>run</c>: <c>--detach</c> (Slurm: return once the jobs are submitted).</summary>
    public static readonly string[] RunFlags = ["detach"];

    /// <summary>
    /// <c>run [STAGE_ID ...] [--executor local|inprocess|slurm] [--detach]</c>: runs the named stages (default: all) and what
    /// they need. Without stage ids it then writes the report (figures, findings, artifacts/report/), as
    /// <c>./build.sh Reproduce</c> does, and ends with the summary: the stages that failed with their errors, then how many
    /// could not run. Exits 1 when a stage failed or could not run.
    /// </summary>
    public static int Run(CliArguments a)
    {
        var execution = new ExecutionOptions(a.Value("executor") ?? ExecutionOptions.Local, a.Has("detach"));
        if (!ExecutionOptions.Names.Contains(execution.Executor))
            throw new CliException($"--executor expects one of {string.Join(", ", ExecutionOptions.Names)}, found '{execution.Executor}'");
        if (execution.Detach && execution.Executor != ExecutionOptions.Slurm) throw new CliException("--detach needs --executor slurm");
        using var session = Session.Start(Options(a), execution);
        var graph = session.Workspace.Graph;
        var wanted = a.Positional.Count == 0 ? graph.Stages
            : a.Positional.Select(id => graph.Stages.FirstOrDefault(s => s.Id == id || s.Key == id)
                                        ?? throw new CliException($"no planned stage '{id}'; see `reproduce plan`")).ToList();
        ExecutionReport report;
        try { report = session.Execute(wanted); }
        catch (SlurmException e) { throw new CliException(e.Message); }
        catch (InvalidOperationException e) when (execution.Executor == ExecutionOptions.Local) { throw new CliException(e.Message); }
        // The report closes a whole run, with what could be done (not while Slurm jobs are still queued).
        if (a.Positional.Count == 0 && !execution.Detach) ReportCommand.Build(session, null, runStages: false);
        RunSummary.Write(report, session.LogFile);
        return report.Failures.Count == 0 ? 0 : 1;
    }

    /// <summary>The valued options of <c>stage run</c> and <c>stage serve</c>: the common ones.</summary>
    public static readonly string[] StageValued = Valued;

    /// <summary>
    /// <c>stage run KIND KEY</c>: runs one stage in this process from the specs and the cache alone (its inputs must be
    /// done), as a Slurm job does. Exits 0 when it is done, 1 when it failed, 3 when it was skipped (its data set cannot be
    /// had). <c>stage serve</c>: a worker of the local executor, which runs the stages its run asks for on standard input,
    /// one after another, and reports to it on standard output (<see cref="WorkerProtocol"/>, <see cref="WorkerLoop"/>).
    /// </summary>
    public static int Stage(CliArguments a)
    {
        const string usage = "usage: reproduce stage run KIND KEY [--profile P] [--spec S] [--device D] [--threads-per-job T]";
        var serve = a.Positional is ["serve"];
        if (!serve && (a.Positional.Count != 3 || a.Positional[0] != "run")) throw new CliException(usage);
        // One stage at a time in this process: unless told otherwise, it has all the cores (a Slurm job: the CPUs Slurm gave it).
        var options = Options(a);
        if (options.Jobs is null) options = options with { Jobs = 1 };
        if (serve)
        {
            var parent = new WorkerChannel(Console.Out);
            using var worker = Session.StartWorker(options, parent);
            return WorkerLoop.Serve(worker, parent, Console.In);
        }
        using var session = Session.Start(options, ExecutionOptions.InProcessOnly);
        var stage = session.Workspace.Graph.Stages.FirstOrDefault(s => s.Kind == a.Positional[1] && s.Key == a.Positional[2])
                    ?? throw new CliException($"no planned {a.Positional[1]} stage with key {a.Positional[2]} for these specs and profile");
        try
        {
            if (session.RunStage(stage.Id) is not { } skipped) return WorkerProtocol.Done;
            Serilog.Log.Information("{Stage}: skipped, {Reason}", stage.Id, skipped);
            return WorkerProtocol.Skipped;
        }
        catch (Stages.StageFailedException e)
        {
            // A cluster job's log ends with this line; the exit code fails the job, and dependents never start.
            Serilog.Log.Error("{Stage} failed: {Message}", stage.Id, e.Message);
            return WorkerProtocol.Failed;
        }
    }

    /// <summary>
    /// <c>digest</c>: one line per output of every done stage, <c>STAGE FILE SHA256</c>, with timings left out (the
    /// <c>seconds</c> column of CSV files and the <c>*seconds*</c> fields of a manifest's result, written as FILE
    /// <c>result</c>), and <c>STAGE not-done</c> or <c>STAGE corrupt</c> for the others: two runs gave the same results when
    /// their digests are equal.
    /// </summary>
    public static int Digest(CliArguments a)
    {
        var ws = Workspace.Open(Options(a));
        foreach (var line in RunDigest.Of(ws)) Console.WriteLine(line);
        return 0;
    }

    /// <summary>
    /// <c>data [DATASET ...]</c>: fetches and verifies data sets (default: MNIST, Fashion-MNIST, CIFAR-10 and any other
    /// that the specs use). A set named on the command line that cannot be had fails the command; otherwise it is a
    /// warning that names the experiments a run will skip for it (a run skips them too, with the same reason).
    /// </summary>
    public static int Data(CliArguments a)
    {
        using var session = Session.Start(Options(a));
        var ws = session.Workspace;
        var users = ws.Specs.Where(s => s.Data.Dataset != "hmm").GroupBy(s => DataSources.StoredName(s.Data.Dataset)!)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Name).ToList());
        var names = a.Positional.Count > 0 ? a.Positional.ToList()
            : new[] { "mnist", "fashion-mnist", "cifar10" }.Concat(users.Keys).Distinct().ToList();
        var fetcher = new DataFetcher();
        var failed = 0;
        foreach (var name in names)
        {
            try
            {
                var files = fetcher.EnsureAsync(name, ws.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
                Serilog.Log.Information("{Dataset}: {Count} verified file(s) in {Dir}", name, files.Count, ws.DataDirectory);
            }
            catch (DataUnavailableException e) when (a.Positional.Count == 0)
            {
                var skipped = users.GetValueOrDefault(DataSources.StoredName(name) ?? name);
                Serilog.Log.Warning("{Dataset}: {Message} {Effect}", name, e.Message, skipped is null
                    ? "No spec of this run needs it."
                    : $"A run skips the experiment(s) that need it: {string.Join(", ", skipped)}.");
            }
            catch (DataUnavailableException e)
            {
                Serilog.Log.Error("{Dataset}: {Message}", name, e.Message);
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary><c>clean [--data]</c>: removes artifacts/cache (and the data cache with --data).</summary>
    public static int Clean(CliArguments a)
    {
        var root = Path.GetFullPath(a.Value("root") ?? Workspace.FindRoot(Directory.GetCurrentDirectory()));
        var cache = new StageCache(Path.Combine(root, "artifacts", "cache")).Root;
        if (Directory.Exists(cache)) Directory.Delete(cache, true);
        Console.WriteLine($"removed {cache}");
        if (a.Has("data"))
        {
            var data = DataCache.Resolve(root);
            if (Directory.Exists(data)) Directory.Delete(data, true);
            Console.WriteLine($"removed {data}");
        }
        return 0;
    }
}
