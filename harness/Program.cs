using Reproduce.Harness.Cli;
using Reproduce.Harness.Specs;

// `reproduce` — the harness CLI. Errors that are the user's (a spec, an option, a missing file) print one line, exit 2.
const string usage = """
    reproduce: reproduce "Deep Networks on Toroids" (Pittorino et al., ICML 2022)

      reproduce plan  [--profile smoke|quick|paper|base] [--spec FILE|GLOB] [--json]   stage graph, what is cached
      reproduce run   [--profile P] [--spec S] [--jobs N] [STAGE_ID ...]              run stages (default: all, then the report);
                                                                                      N default: one per core (≤ one per 3 GB)
                      [--threads-per-job T]                                           libtorch threads per stage (default: cores / jobs)
                      [--executor local|inprocess|slurm] [--detach]                   local: worker processes (default);
                                                                                      inprocess: threads (debugging); slurm: sbatch jobs
                      [--device cpu|cuda|auto]                                        train there, over the specs' device (keys unchanged)
      reproduce data  [DATASET ...]                                                   fetch and verify data sets
      reproduce stage run KIND KEY [--profile P] [--spec S] [--device D]              run one stage in this process, from the cache
      reproduce stage serve [--profile P] [--spec S] [--threads-per-job T]            a run's worker: the stages it asks for on stdin
      reproduce digest [--profile P] [--spec S]                                        each result's SHA-256, timings left out
      reproduce report [--profile P] [--spec S] [--out DIR]                            figures, findings and artifacts/report/ from the cache
      reproduce align A B --out DIR [--arch NAME:SIZES | --symmetry FILE.yaml]       align your own networks (safetensors, .pt, TorchScript)
      reproduce path A B --kind KIND --data SET|DIR --out DIR                         errors along a path, barrier (Fig. 2)
      reproduce local-energy A --data SET|DIR --out DIR                               flatness dE(σ) (Fig. 1)
      reproduce plane A B [C] --data SET|DIR --out DIR                                2-D sections, raw and normalized (Fig. 4)
      reproduce clean [--data]                                                         remove artifacts/cache
    """;
// Before any tensor code: oneDNN's AVX-512 convolution gradients were wrong on this project's machines (OneDnnIsa).
Reproduce.Core.Numerics.OneDnnIsa.Apply();
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(usage);
    return args.Length == 0 ? 2 : 0;
}
try
{
    var rest = args[1..];
    return args[0] switch
    {
        "plan" => Commands.Plan(CliArguments.Parse(rest, Commands.Valued, ["json"])),
        "run" => Commands.Run(CliArguments.Parse(rest, Commands.RunValued, Commands.RunFlags)),
        "stage" => Commands.Stage(CliArguments.Parse(rest, Commands.StageValued, [])),
        "digest" => Commands.Digest(CliArguments.Parse(rest, Commands.Valued, [])),
        "data" => Commands.Data(CliArguments.Parse(rest, Commands.Valued, [])),
        "clean" => Commands.Clean(CliArguments.Parse(rest, ["root"], ["data"])),
        "align" => AlignCommand.Run(rest),
        "path" => PathCommand.Run(rest),
        "local-energy" => LocalEnergyCommand.Run(rest),
        "plane" => PlaneCommand.Run(rest),
        "report" => ReportCommand.Run(CliArguments.Parse(rest, ReportCommand.Valued, [])),
        _ => throw new CliException($"unknown command '{args[0]}'\n{usage}"),
    };
}
catch (Exception e) when (e is SpecException or CliException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
