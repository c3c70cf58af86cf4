using Reproduce.Core.Geometry;
using Reproduce.Core.Models;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Align;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Cli;

/// <summary>
/// <c>reproduce align --arch &lt;name:sizes&gt; A.safetensors B.safetensors --out DIR</c>: removes the symmetries
/// between two networks of one architecture (METHOD.md §2-§4). Writes to DIR:
/// <c>B.aligned.safetensors</c> (B aligned to A on raw cosines), <c>B.aligned.normalized.safetensors</c> (B normalized,
/// then aligned to normalized A), <c>A.normalized.safetensors</c>, and <c>alignment.json</c>
/// (<see cref="AlignmentReport"/>). The file names are fixed, whatever the inputs are called.
/// Exit codes: 0 done; 2 a usage error, an unknown architecture, an unreadable file, or a file whose tensors do not fit
/// the architecture (the message names the first such tensor); 1 the output could not be written.
/// </summary>
public static class AlignCommand
{
    /// <summary>The usage text, printed on <c>--help</c> and after a usage error.</summary>
    public const string Usage =
        "usage: reproduce align --arch <name:sizes> A.safetensors B.safetensors --out DIR\n" +
        "  --arch   mlp:784,500,500,10 | lenet[:c1,c2,hidden,classes[,in_channels,image_size]] | vgg16bn[:width_divisor[,classes]]\n" +
        "           | binary-mlp:784,501,501,1 | binary-conv:in_channels,image_size,c1,c2,f1,...,outputs | perceptron:N | committee:N[,K]\n" +
        "           (tensor names of each: docs/architectures.md)\n" +
        "  --out    directory for B.aligned.safetensors, B.aligned.normalized.safetensors, A.normalized.safetensors, alignment.json";

    /// <summary>Runs the command on the console. <paramref name="args"/> may start with the word <c>align</c>.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command, writing progress to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "align") args = args[1..];
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(Usage);
            return 0;
        }
        string? archText = null, outDir = null;
        var files = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--arch" when i + 1 < args.Length: archText = args[++i]; break;
                case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
                case var option when option.StartsWith('-'): return Fail(error, $"align: unknown or incomplete option '{option}'\n{Usage}");
                default: files.Add(args[i]); break;
            }
        }
        if (archText is null || outDir is null || files.Count != 2)
            return Fail(error, $"align: expected --arch, --out and two files (got {files.Count} file(s))\n{Usage}");

        Architecture arch;
        try { arch = Architecture.Parse(archText); }
        catch (FormatException e) { return Fail(error, $"align: --arch {e.Message}"); }

        using var scope = NewDisposeScope();
        var networks = new List<Dictionary<string, Tensor>>();
        foreach (var path in files)
        {
            Dictionary<string, Tensor> sd;
            try { sd = StateDictFile.Load(path); }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                return Fail(error, $"align: {e.Message}");
            }
            if (StateDictShapeCheck.FirstMismatch(arch, sd) is { } mismatch)
                return Fail(error, $"align: {path} does not fit {arch}: {mismatch}");
            networks.Add(sd);
        }

        var layout = Layouts.For(arch);
        var (a, b) = (networks[0], networks[1]);
        var raw = WeightMatching.Align(layout, a, b);
        var na = UnitNormalization.Normalize(layout, a);
        var normalized = WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, b));
        var distances = new AlignmentReport.Distances(
            Distance.Euclidean(layout, a, b),
            Distance.Euclidean(layout, a, raw.Aligned),
            Distance.Geodesic(layout, na, normalized.Aligned),
            layout.Binary ? Distance.Hamming(layout, a, b) : null,
            layout.Binary ? Distance.Hamming(layout, na, normalized.Aligned) : null);
        try
        {
            Directory.CreateDirectory(outDir);
            StateDictFile.Save(Path.Combine(outDir, "B.aligned.safetensors"), raw.Aligned);
            StateDictFile.Save(Path.Combine(outDir, "B.aligned.normalized.safetensors"), normalized.Aligned);
            StateDictFile.Save(Path.Combine(outDir, "A.normalized.safetensors"), na);
            var json = AlignmentReport.ToJson(layout, files[0], files[1], normalized, raw, distances);
            File.WriteAllText(Path.Combine(outDir, "alignment.json"), json + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"align: cannot write to {outDir}: {e.Message}");
            return 1;
        }
        output.WriteLine($"{arch}: euclidean raw {distances.EuclideanRaw:G6}, aligned {distances.EuclideanAligned:G6}, " +
                         $"geodesic normalized-aligned {distances.GeodesicNormalizedAligned:G6} → {outDir}");
        return 0;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }
}
