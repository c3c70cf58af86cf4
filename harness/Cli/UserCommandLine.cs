using System.Globalization;
using System.Runtime.InteropServices;
using Reproduce.Harness.Data;
using Reproduce.Harness.Specs;
using Reproduce.Harness.UserNetworks;

namespace Reproduce.Harness.Cli;

/// <summary>
/// What the commands on a user's own networks (align, path, local-energy, plane) share: the network files and how to read
/// them (<c>--arch</c> | <c>--symmetry</c> [<c>--model</c>]), <c>--out</c>, and for the probes the data and the evaluator's
/// settings, named as the spec fields they mirror (specs/README.md): <c>--data</c>, <c>--train-subset</c>,
/// <c>--test-subset</c>, <c>--subset-seed</c> (data.*), <c>--eval-train</c>, <c>--eval-test</c>, <c>--bn-recompute</c>
/// (probes.eval_train_subset, eval_test_subset, bn_recompute). Errors of the user's making print one line and exit 2; an
/// output that cannot be written exits 1.
/// </summary>
/// <param name="Files">The network files, in order.</param>
/// <param name="Arch">--arch, or null.</param>
/// <param name="Symmetry">--symmetry, or null.</param>
/// <param name="Model">--model, or null.</param>
/// <param name="Out">--out: the folder written.</param>
/// <param name="Data">--data and its subsets, or null for a command without data.</param>
/// <param name="EvalTrain">--eval-train: train samples the probes evaluate, the first that many (0 = all).</param>
/// <param name="EvalTest">--eval-test: the same for test samples.</param>
/// <param name="BatchNormRecompute">--bn-recompute: BN statistics recomputed at each evaluated point (default true).</param>
/// <param name="Options">Every option, for the command's own.</param>
public sealed record UserCommandLine(IReadOnlyList<string> Files, string? Arch, string? Symmetry, string? Model, string Out,
    UserData.Request? Data, int EvalTrain, int EvalTest, bool BatchNormRecompute, CliArguments Options)
{
    private static readonly string[] NetworkOptions = ["arch", "symmetry", "model", "out"];
    private static readonly string[] DataOptions = ["data", "train-subset", "test-subset", "subset-seed", "eval-train", "eval-test", "bn-recompute"];

    /// <summary>The option lines every usage text shows, after the command's own.</summary>
    public const string CommonUsage =
        "  networks: .safetensors, torch.save(state_dict) .pt/.pth (read without unpickling code), or TorchScript .pt\n" +
        "  --arch NAME:SIZES     a built-in architecture (docs/architectures.md); an MLP's is inferred when omitted\n" +
        "  --symmetry FILE.yaml  any architecture: its symmetry description (docs/user-networks.md), verified before use\n" +
        "  --model FILE          with --symmetry: the TorchScript model computing the networks (default: the first TorchScript file)\n" +
        "  --out DIR             where the results go";

    /// <summary>The data options' usage lines.</summary>
    public const string DataUsage =
        "  --data SET|DIR        mnist | fashion | cifar10 (loaded as the stages load them) | a folder: train_x, train_y, test_x, test_y\n" +
        "                        as .npy files, or in data.safetensors / data.pt (docs/user-networks.md)\n" +
        "  --train-subset N --test-subset N --subset-seed S   seeded subsets (0 = all), as a spec's data section\n" +
        "  --eval-train N --eval-test N                      the probes evaluate the first N samples (0 = all)\n" +
        "  --bn-recompute true|false                         recompute BN statistics at each point (default true)";

    /// <summary>
    /// Parses <paramref name="args"/> of command <paramref name="command"/>, which takes <paramref name="files"/> network files,
    /// data when <paramref name="withData"/>, and its own valued options <paramref name="extra"/>.
    /// </summary>
    public static UserCommandLine Parse(string command, string[] args, int files, bool withData, IReadOnlyCollection<string> extra) =>
        Parse(command, args, files, files, withData, extra);

    /// <summary>The same for a command taking <paramref name="minFiles"/> to <paramref name="maxFiles"/> network files.</summary>
    public static UserCommandLine Parse(string command, string[] args, int minFiles, int maxFiles, bool withData, IReadOnlyCollection<string> extra)
    {
        var a = CliArguments.Parse(args, [.. NetworkOptions, .. withData ? DataOptions : [], .. extra], []);
        var files = minFiles == maxFiles ? $"{minFiles}" : $"{minFiles} or {maxFiles}";
        if (a.Positional.Count < minFiles || a.Positional.Count > maxFiles || a.Value("out") is not { } output)
            throw new CliException($"expected --out DIR and {files} network file(s), got {a.Positional.Count} file(s){(a.Has("out") ? "" : " and no --out")}");
        UserData.Request? data = null;
        if (withData)
        {
            var source = a.Value("data") ?? throw new CliException("--data is required: mnist, fashion, cifar10 or a folder of your data");
            data = new UserData.Request(source, a.PositiveInt("train-subset", 0), a.PositiveInt("test-subset", 0), NonNegative(a, "subset-seed", 0));
        }
        var bn = a.Value("bn-recompute") switch
        {
            null or "true" => true,
            "false" => false,
            var v => throw new CliException($"--bn-recompute expects true or false, found '{v}'"),
        };
        return new UserCommandLine(a.Positional, a.Value("arch"), a.Value("symmetry"), a.Value("model"), output, data,
            a.PositiveInt("eval-train", 0), a.PositiveInt("eval-test", 0), bn, a);
    }

    /// <summary>The non-negative integer value of --<paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int NonNegative(CliArguments a, string name, int fallback) =>
        a.Value(name) is not { } v ? fallback
        : int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var x) ? x
        : throw new CliException($"--{name} expects an integer ≥ 0, found '{v}'");

    /// <summary>The finite number value of --<paramref name="name"/> in [min, max], or <paramref name="fallback"/>.</summary>
    public static double Number(CliArguments a, string name, double fallback, double min, double max) =>
        a.Value(name) is not { } v ? fallback
        : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= min && x <= max ? x
        : throw new CliException($"--{name} expects a number in [{min}, {max}], found '{v}'");

    /// <summary>
    /// Runs <paramref name="body"/> on the parsed command line: <c>--help</c> prints <paramref name="usage"/> and exits 0;
    /// a user's mistake (an option, a file, a description, data) prints <c>command: message</c> and exits 2; a failure to
    /// write the output exits 1.
    /// </summary>
    public static int Execute(string command, string usage, string[] args, TextWriter output, TextWriter error, Func<int> body)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(usage);
            return 0;
        }
        try
        {
            return body();
        }
        catch (CliException e)
        {
            error.WriteLine($"{command}: {e.Message}\n{usage}");
            return 2;
        }
        catch (Exception e) when (e is SpecException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException
                                      or ArgumentException or DataUnavailableException or InvalidOperationException or ExternalException)
        {
            // libtorch's messages carry a C++ backtrace after their first line.
            error.WriteLine($"{command}: {(e is ExternalException ? e.Message.Split('\n')[0].Trim() : e.Message)}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{command}: cannot write the results: {e.Message}");
            return 1;
        }
    }
}
