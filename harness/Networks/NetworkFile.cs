using System.IO.Compression;
using System.Runtime.InteropServices;
using Reproduce.Harness.Networks.Pickle;
using static TorchSharp.torch;

namespace Reproduce.Harness.Networks;

/// <summary>
/// Reads a network the way a PyTorch user saved it, telling the formats apart by their bytes, not their names:
/// safetensors (<c>safetensors.torch.save_file</c>), a state dict saved by <c>torch.save(model.state_dict(), …)</c>
/// (.pt/.pth, read by <see cref="TorchArchive"/>: no code is unpickled), or a TorchScript module
/// (<c>torch.jit.script(model).save(…)</c>, whose parameters and buffers are read through libtorch's loader). A
/// TorchScript file is a program: it is loaded only where the caller allows it (<see cref="Read"/>). The legacy non-zip format of torch.save and whole pickled modules are refused
/// with a message saying how to save a state dict.
/// </summary>
public static class NetworkFile
{
    /// <summary>The format of a network file.</summary>
    public enum Format
    {
        /// <summary>safetensors: an 8-byte header length, a JSON header, raw tensors.</summary>
        Safetensors,
        /// <summary>torch.save of a state dict (zip with data.pkl).</summary>
        TorchStateDict,
        /// <summary>torch.jit.save of a module (zip with code/ and constants.pkl).</summary>
        TorchScript,
    }

    /// <summary>The format of <paramref name="path"/> from its first bytes and, for a zip, its entries.</summary>
    public static Format Detect(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var head = new byte[9];
        long length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.Length;
            stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            using var zip = OpenZip(path);
            return TorchArchive.IsTorchScript(zip) ? Format.TorchScript : Format.TorchStateDict;
        }
        if (head[0] == 0x80 && head[1] <= 5)
            throw new InvalidDataException($"{path}: a PyTorch file in the legacy (pre-1.6, non-zip) format; re-save it with torch.save(model.state_dict(), path), whose default is the zip format");
        var header = BitConverter.ToUInt64(head);
        if (length >= 9 && header > 1 && header <= (ulong)length - 8 && head[8] == '{') return Format.Safetensors;
        throw new InvalidDataException($"{path}: neither safetensors, nor a torch.save state dict, nor a TorchScript module");
    }

    /// <summary>
    /// The tensors of the network in <paramref name="path"/>, on the CPU. A TorchScript file gives its module's parameters
    /// and buffers when <paramref name="allowTorchScript"/>, and is refused otherwise. Throws <see cref="InvalidDataException"/>
    /// (or <see cref="FileNotFoundException"/>) naming the file.
    /// </summary>
    public static Dictionary<string, Tensor> Read(string path, bool allowTorchScript = true)
    {
        var format = Detect(path);
        switch (format)
        {
            case Format.Safetensors:
                return StateDictFile.Load(path);
            case Format.TorchStateDict:
            {
                using var zip = OpenZip(path);
                return TorchArchive.ReadStateDict(zip, path, new FileInfo(path).Length);
            }
            default:
                if (!allowTorchScript) throw new InvalidDataException($"{path}: a TorchScript module, where a state dict was expected");
                using (var module = LoadScript(path)) return ScriptNetwork.StateDictCopy(module);
        }
    }

    /// <summary>
    /// Loads a TorchScript module on the CPU (libtorch's <c>torch::jit::load</c>), with an error naming the file. Its pickles
    /// are vetted first (<see cref="TorchScriptPickles"/>): one naming a global a TorchScript archive does not use, or one
    /// that is truncated, is refused before libtorch reads anything.
    /// </summary>
    public static jit.ScriptModule<Tensor, Tensor> LoadScript(string path)
    {
        if (Detect(path) != Format.TorchScript)
            throw new InvalidDataException($"{path}: not a TorchScript module (save one with torch.jit.script(model).save(path))");
        // libtorch aborts the process (an untranslated C++ exception) on a pickle global it does not know: vet them first.
        using (var zip = OpenZip(path)) TorchScriptPickles.Check(zip, path, new FileInfo(path).Length);
        try
        {
            return jit.load<Tensor, Tensor>(path);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: libtorch could not load this TorchScript module: {FirstLine(e.Message)}", e);
        }
    }

    private static ZipArchive OpenZip(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: a damaged or truncated zip archive ({e.Message})", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
