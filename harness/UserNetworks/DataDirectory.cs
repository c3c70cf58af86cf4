using Reproduce.Core.Data;
using Reproduce.Harness.Networks;
using static TorchSharp.torch;

namespace Reproduce.Harness.UserNetworks;

/// <summary>
/// A user's own data set in a folder (docs/user-networks.md, "Your data"): four arrays <c>train_x</c>, <c>train_y</c>,
/// <c>test_x</c>, <c>test_y</c>, either as four .npy files (<c>np.save</c>) or as the tensors of one
/// <c>data.safetensors</c> or <c>data.pt</c> (<c>torch.save({"train_x": …, …})</c>, read without unpickling code).
/// x: (n, ...) of any real dtype, used as given (no normalization; float32); y: (n) integer class indices ≥ 0 (int64).
/// Train and test examples must have the same shape. Every error names the folder, the array and what was expected.
/// </summary>
public static class DataDirectory
{
    /// <summary>The four array names.</summary>
    public static readonly IReadOnlyList<string> Names = ["train_x", "train_y", "test_x", "test_y"];

    /// <summary>Reads the folder's train and test sets, named after the folder.</summary>
    public static SplitDataset Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: no such folder (--data takes mnist, fashion, cifar10 or a folder of your data)");
        var arrays = Arrays(dir);
        try
        {
            var (trainX, testX) = (Inputs(arrays, "train_x", dir), Inputs(arrays, "test_x", dir));
            if (!trainX.shape.Skip(1).SequenceEqual(testX.shape.Skip(1)))
                throw new InvalidDataException($"{dir}: train_x examples have shape {Shape(trainX.shape[1..])}, test_x examples {Shape(testX.shape[1..])}; they must match");
            var trainY = Labels(arrays, "train_y", trainX.shape[0], dir);
            var testY = Labels(arrays, "test_y", testX.shape[0], dir);
            var classes = (int)Math.Max(2, Math.Max(trainY.max().item<long>(), testY.numel() > 0 ? testY.max().item<long>() : 0) + 1);
            var name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));
            return new SplitDataset(new Dataset($"{name}/train", trainX, trainY, classes), new Dataset($"{name}/test", testX, testY, classes));
        }
        finally
        {
            foreach (var t in arrays.Values) t.Dispose();
        }
    }

    private static Dictionary<string, Tensor> Arrays(string dir)
    {
        var npy = Names.Select(n => Path.Combine(dir, n + ".npy")).ToList();
        var files = new[] { "data.safetensors", "data.pt" }.Select(f => Path.Combine(dir, f)).Where(File.Exists).ToList();
        var someNpy = npy.Any(File.Exists);
        if ((someNpy ? 1 : 0) + files.Count > 1)
            throw new InvalidDataException($"{dir}: holds more than one form of the data ({string.Join(", ", (someNpy ? ["*.npy"] : Array.Empty<string>()).Concat(files.Select(Path.GetFileName)))}); keep one");
        if (files.Count == 1)
        {
            var tensors = NetworkFile.Read(files[0], allowTorchScript: false);
            var missing = Names.FirstOrDefault(n => !tensors.ContainsKey(n));
            if (missing is not null)
            {
                foreach (var t in tensors.Values) t.Dispose();
                throw new InvalidDataException($"{files[0]}: no tensor '{missing}' (it needs {string.Join(", ", Names)}; it has {string.Join(", ", tensors.Keys)})");
            }
            return tensors;
        }
        if (!someNpy) throw new FileNotFoundException($"{dir}: no data: put train_x.npy, train_y.npy, test_x.npy, test_y.npy (or data.safetensors / data.pt holding those four) there");
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, path) in Names.Zip(npy)) result[name] = NpyFile.Read(path);
        return result;
    }

    private static Tensor Inputs(Dictionary<string, Tensor> arrays, string name, string dir)
    {
        var x = arrays[name];
        if (x.dim() < 2 || x.shape[0] == 0)
            throw new InvalidDataException($"{dir}: {name} has shape {Shape(x.shape)}; expected (n, ...) with n ≥ 1 examples");
        if (x.dtype == ScalarType.Bool) throw new InvalidDataException($"{dir}: {name} is boolean; expected numbers");
        var result = x.to(ScalarType.Float32).contiguous().clone();
        if (!result.isfinite().all().item<bool>()) throw new InvalidDataException($"{dir}: {name} holds NaN or infinite values");
        return result;
    }

    private static Tensor Labels(Dictionary<string, Tensor> arrays, string name, long count, string dir)
    {
        var y = arrays[name];
        if (y.dim() != 1 || y.shape[0] != count)
            throw new InvalidDataException($"{dir}: {name} has shape {Shape(y.shape)}; expected ({count}), one class index per example");
        if (y.is_floating_point() || y.dtype == ScalarType.Bool)
            throw new InvalidDataException($"{dir}: {name} has dtype {y.dtype}; expected integer class indices (int64, int32, uint8, …)");
        var labels = y.to(ScalarType.Int64).contiguous().clone();
        if (labels.numel() > 0 && labels.min().item<long>() < 0) throw new InvalidDataException($"{dir}: {name} holds a negative class index");
        return labels;
    }

    private static string Shape(long[] shape) => $"({string.Join(", ", shape)})";
}
