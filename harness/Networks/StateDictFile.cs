using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>Reads and writes state dicts as safetensors files (readable from PyTorch's safetensors.torch.load_file).</summary>
public static class StateDictFile
{
    /// <summary>Loads every tensor of a safetensors file on the CPU. Fails with the file's path when it is not valid safetensors.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        try
        {
            using var stream = File.OpenRead(path);
            return Safetensors.LoadStateDict(stream);
        }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"{path}: not a readable safetensors file ({e.Message})", e);
        }
    }

    /// <summary>Writes a state dict to a safetensors file, through a temporary file and an atomic rename.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> stateDict)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var contiguous = stateDict.ToDictionary(kv => kv.Key, kv => kv.Value.cpu().contiguous());
        using (var stream = File.Create(tmp)) Safetensors.SaveStateDict(stream, contiguous);
        File.Move(tmp, path, overwrite: true);
    }
}
