using System.Security.Cryptography;
using static TorchSharp.torch;

namespace Reproduce.Tests.Safety;

/// <summary>Bit-exact fingerprints of results: a state dict's bytes and a list of doubles, hashed with SHA-256.</summary>
public static class Fingerprint
{
    /// <summary>SHA-256 over every tensor of <paramref name="sd"/> in name order: name, dtype, shape and raw bytes.</summary>
    public static string Of(IEnumerable<KeyValuePair<string, Tensor>> sd)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, t) in sd.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{name}:{t.dtype}:{string.Join(",", t.shape)};"));
            using var cpu = t.detach().cpu().contiguous();
            hash.AppendData(cpu.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>SHA-256 over the bits of <paramref name="values"/>.</summary>
    public static string Of(IEnumerable<double> values)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var v in values) hash.AppendData(BitConverter.GetBytes(v));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
