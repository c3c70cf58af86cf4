using Reproduce.Core.Geometry;
using Reproduce.Core.Symmetry;
using Reproduce.Harness.Align;
using Reproduce.Harness.Networks;
using Reproduce.Harness.UserNetworks;
using static TorchSharp.torch;

namespace Reproduce.Harness.Cli;

/// <summary>
/// <c>reproduce align A B --out DIR [--arch NAME:SIZES | --symmetry FILE.yaml [--model FILE]]</c>: removes the symmetries
/// between two networks of one architecture (METHOD.md §2-§4). The networks may be safetensors, torch.save state dicts or
/// TorchScript files (<see cref="UserNetwork"/>). Writes to DIR: <c>B.aligned.safetensors</c> (B aligned to A on raw
/// cosines), <c>B.aligned.normalized.safetensors</c> (B normalized, then aligned to normalized A),
/// <c>A.normalized.safetensors</c>, and <c>alignment.json</c> (<see cref="AlignmentReport"/>). The file names are fixed,
/// whatever the inputs are called. Exit codes: 0 done; 2 a usage error, an unknown architecture, an unreadable file, a file
/// whose tensors do not fit the architecture (the message names the first such tensor) or a description that does not fit
/// or fails its verification (naming the tensor and axis, or the group); 1 the output could not be written.
/// </summary>
public static class AlignCommand
{
    /// <summary>The usage text, printed on <c>--help</c> and after a usage error.</summary>
    public const string Usage =
        "usage: reproduce align A B --out DIR [--arch NAME:SIZES | --symmetry FILE.yaml [--model FILE]]\n" +
        "  --arch   mlp:784,500,500,10 | lenet[:c1,c2,hidden,classes[,in_channels,image_size]] | vgg16bn[:width_divisor[,classes]]\n" +
        "           | binary-mlp:784,501,501,1 | binary-conv:in_channels,image_size,c1,c2,f1,...,outputs | perceptron:N | committee:N[,K]\n" +
        "           (tensor names of each: docs/architectures.md)\n" +
        "  --out    directory for B.aligned.safetensors, B.aligned.normalized.safetensors, A.normalized.safetensors, alignment.json\n" +
        UserCommandLine.CommonUsage;

    /// <summary>Runs the command on the console. <paramref name="args"/> may start with the word <c>align</c>.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command, writing progress to <paramref name="output"/> and errors to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "align") args = args[1..];
        return UserCommandLine.Execute("align", Usage, args, output, error, () =>
        {
            var line = UserCommandLine.Parse("align", args, 2, withData: false, []);
            using var net = UserNetwork.Open(line.Files, line.Arch, line.Symmetry, line.Model);
            using var scope = NewDisposeScope();
            var layout = net.Layout;
            var (a, b) = (net.Networks[0], net.Networks[1]);
            var raw = WeightMatching.Align(layout, a, b);
            var na = UnitNormalization.Normalize(layout, a);
            var normalized = WeightMatching.Align(layout, na, UnitNormalization.Normalize(layout, b));
            var distances = new AlignmentReport.Distances(
                Distance.Euclidean(layout, a, b),
                Distance.Euclidean(layout, a, raw.Aligned),
                Distance.Geodesic(layout, na, normalized.Aligned),
                layout.Binary ? Distance.Hamming(layout, a, b) : null,
                layout.Binary ? Distance.Hamming(layout, na, normalized.Aligned) : null);
            Directory.CreateDirectory(line.Out);
            StateDictFile.Save(Path.Combine(line.Out, "B.aligned.safetensors"), raw.Aligned);
            StateDictFile.Save(Path.Combine(line.Out, "B.aligned.normalized.safetensors"), normalized.Aligned);
            StateDictFile.Save(Path.Combine(line.Out, "A.normalized.safetensors"), na);
            var json = AlignmentReport.ToJson(layout, line.Files[0], line.Files[1], normalized, raw, distances, net.Describe());
            File.WriteAllText(Path.Combine(line.Out, "alignment.json"), json + "\n");
            output.WriteLine($"{net.Name}{(net.Inferred ? " (inferred)" : "")}: euclidean raw {distances.EuclideanRaw:G6}, aligned {distances.EuclideanAligned:G6}, " +
                             $"geodesic normalized-aligned {distances.GeodesicNormalizedAligned:G6} → {line.Out}");
            return 0;
        });
    }
}
