using System.IO.Compression;
using Reproduce.Harness.Networks;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>Reading networks as a PyTorch user saves them; refusing files that would run code or are damaged.</summary>
public sealed class NetworkFileTests : IDisposable
{
    private const string Marker = "/tmp/reproduce-fixture-pickle-ran";
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-netfile-{Guid.NewGuid():N}");

    public NetworkFileTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>safetensors, torch.save(state_dict) and TorchScript of one net hold the same names and the same bits (tolerance 0).</summary>
    [Theory]
    [InlineData("mlp")]
    [InlineData("convbn")]
    public void EveryFormHoldsTheSameTensors(string family)
    {
        using var scope = NewDisposeScope();
        var forms = Fixtures.Forms(family, "a").Select(f => NetworkFile.Read(f)).ToList();
        Assert.Equal(NetworkFile.Format.Safetensors, NetworkFile.Detect(Fixtures.File(family, "a.safetensors")));
        Assert.Equal(NetworkFile.Format.TorchStateDict, NetworkFile.Detect(Fixtures.File(family, "a.pt")));
        Assert.Equal(NetworkFile.Format.TorchScript, NetworkFile.Detect(Fixtures.File(family, "a.torchscript.pt")));
        foreach (var other in forms.Skip(1))
        {
            Assert.Equal(forms[0].Keys.Order(), other.Keys.Order());
            foreach (var (name, t) in forms[0])
            {
                Assert.Equal(t.dtype, other[name].dtype);
                Assert.True(t.eq(other[name]).all().item<bool>(), name);
            }
        }
    }

    /// <summary>The .pt state dict keeps the module's order (PyTorch's OrderedDict), not a hash order.</summary>
    [Fact]
    public void AStateDictKeepsItsModulesOrder()
    {
        using var scope = NewDisposeScope();
        var names = NetworkFile.Read(Fixtures.File("convbn", "a.pt")).Keys.ToList();
        Assert.Equal(["conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked"], names.Take(7));
    }

    /// <summary>
    /// Pickles whose GLOBAL (protocol 2) or STACK_GLOBAL (protocol 4) + REDUCE would call os.system or exec are refused
    /// naming the global, and the file they would have created does not exist afterwards.
    /// </summary>
    [Theory]
    [InlineData("os_system.pt", "posix.system")]
    [InlineData("exec_stack_global.pt", "builtins.exec")]
    public void APickleThatWouldRunCodeIsRefusedAndRunsNothing(string file, string global)
    {
        if (File.Exists(Marker)) File.Delete(Marker);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(Fixtures.Bad(file)));
        Assert.Contains($"refused the global '{global}'", e.Message);
        Assert.Contains("Nothing was run", e.Message);
        Assert.Contains(file, e.Message);
        Assert.False(File.Exists(Marker));
    }

    /// <summary>torch.save(model) (a whole pickled module) is refused with the advice to save its state dict.</summary>
    [Fact]
    public void AWholePickledModuleIsRefusedWithAdvice()
    {
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(Fixtures.Bad("whole_module.pt")));
        Assert.Contains("'__main__.Mlp'", e.Message);
        Assert.Contains("model.state_dict()", e.Message);
    }

    /// <summary>The legacy (non-zip) format, a truncated zip and random bytes are refused, each with its reason.</summary>
    [Fact]
    public void LegacyTruncatedAndForeignFilesAreRefused()
    {
        Assert.Contains("legacy", Assert.Throws<InvalidDataException>(() => NetworkFile.Read(Fixtures.Bad("legacy.pt"))).Message);
        Assert.Contains("damaged or truncated zip", Assert.Throws<InvalidDataException>(() => NetworkFile.Read(Fixtures.Bad("truncated.pt"))).Message);
        var noise = Path.Combine(dir, "noise.pt");
        File.WriteAllBytes(noise, Enumerable.Range(0, 100).Select(i => (byte)(i * 37 + 11)).ToArray());
        Assert.Contains("neither safetensors", Assert.Throws<InvalidDataException>(() => NetworkFile.Read(noise)).Message);
        Assert.Throws<FileNotFoundException>(() => NetworkFile.Read(Path.Combine(dir, "missing.pt")));
    }

    /// <summary>A storage entry shorter than its tensors need (an altered file) is refused before it is copied.</summary>
    [Fact]
    public void AStorageOfTheWrongLengthIsRefused()
    {
        var path = Path.Combine(dir, "short.pt");
        File.Copy(Fixtures.File("mlp", "a.pt"), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.First(e => e.FullName.EndsWith("/data/0", StringComparison.Ordinal));
            var name = entry.FullName;
            entry.Delete();
            using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            s.Write(new byte[12]);
        }
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(path));
        Assert.Contains("holds 12 bytes", e.Message);
    }

    /// <summary>A TorchScript file where a state dict is required is refused (loading one runs libtorch's deserializer).</summary>
    [Fact]
    public void TorchScriptIsReadOnlyWhereAllowed()
    {
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(Fixtures.File("mlp", "a.torchscript.pt"), allowTorchScript: false));
        Assert.Contains("TorchScript", e.Message);
    }
}
