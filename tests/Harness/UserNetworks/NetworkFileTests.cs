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

    /// <summary>
    /// A TorchScript archive whose data.pkl names os.system by GLOBAL (protocol 2), or whose constants.pkl names
    /// builtins.exec by STACK_GLOBAL on strings fetched from the memo (protocol 4), is refused naming the entry and the
    /// global before libtorch reads it (libtorch would abort the process on the unknown global); nothing is run.
    /// </summary>
    [Theory]
    [InlineData("data.pkl", "posix.system")]
    [InlineData("constants.pkl", "builtins.exec")]
    public void ATorchScriptPickleThatNamesAForeignGlobalIsRefusedAndRunsNothing(string entry, string global)
    {
        if (File.Exists(Marker)) File.Delete(Marker);
        var path = TorchScriptWith(entry, global == "posix.system" ? GlobalCall() : StackGlobalCall());
        Assert.Equal(NetworkFile.Format.TorchScript, NetworkFile.Detect(path));
        foreach (var load in new Action[] { () => NetworkFile.Read(path), () => NetworkFile.LoadScript(path).Dispose() })
        {
            var e = Assert.Throws<InvalidDataException>(load);
            Assert.Contains($"/{entry})", e.Message);
            Assert.Contains($"refused the global '{global}'", e.Message);
            Assert.Contains("Nothing was run", e.Message);
        }
        Assert.False(File.Exists(Marker));
    }

    /// <summary>A TorchScript archive whose data.pkl is cut short is refused as truncated before libtorch reads it.</summary>
    [Fact]
    public void ATorchScriptArchiveWithATruncatedPickleIsRefused()
    {
        var original = ReadEntry(Fixtures.File("mlp", "a.torchscript.pt"), "data.pkl");
        var path = TorchScriptWith("data.pkl", original[..(original.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.LoadScript(path));
        Assert.Contains("/data.pkl)", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    /// <summary>A TorchScript data.pkl naming a __torch__ class its code/ does not define is refused (libtorch would abort).</summary>
    [Fact]
    public void ATorchScriptClassTheArchiveDoesNotDefineIsRefused()
    {
        var original = ReadEntry(Fixtures.File("mlp", "a.torchscript.pt"), "data.pkl");
        var renamed = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(original).Replace("__torch__\nMlp\n", "__torch__\nMlq\n", StringComparison.Ordinal));
        Assert.NotEqual(original, renamed);
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.LoadScript(TorchScriptWith("data.pkl", renamed)));
        Assert.Contains("'__torch__.Mlq'", e.Message);
        Assert.Contains("does not define", e.Message);
    }

    /// <summary>Every TorchScript fixture, scripted or traced, passes the pickle check and loads.</summary>
    [Fact]
    public void EveryTorchScriptFixtureStillLoads()
    {
        var files = Directory.GetFiles(Fixtures.Folder, "*.pt", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bad{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && NetworkFile.Detect(f) == NetworkFile.Format.TorchScript)
            .ToList();
        Assert.True(files.Count >= 6, $"{files.Count} TorchScript fixtures found");
        foreach (var f in files)
        {
            using var module = NetworkFile.LoadScript(f);
            Assert.NotEmpty(module.parameters());
        }
    }

    /// <summary>
    /// A copy of the MLP's TorchScript fixture whose top-level entry <c>…/name</c> holds <paramref name="bytes"/>. The copy is
    /// written entry by entry into a new zip: rewriting torch's zip in place (ZipArchiveMode.Update) left entries .NET
    /// itself then reads as "compressed using an unsupported compression method".
    /// </summary>
    private string TorchScriptWith(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, $"evil-{name}.pt");
        using var source = ZipFile.OpenRead(Fixtures.File("mlp", "a.torchscript.pt"));
        using var target = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            var replaced = entry.FullName.EndsWith($"/{name}", StringComparison.Ordinal) && entry.FullName.Count(c => c == '/') == 1;
            using var to = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
            if (replaced) to.Write(bytes);
            else
            {
                using var from = entry.Open();
                from.CopyTo(to);
            }
        }
        return path;
    }

    private static byte[] ReadEntry(string path, string name)
    {
        using var zip = ZipFile.OpenRead(path);
        using var s = zip.Entries.Single(e => e.FullName.EndsWith($"/{name}", StringComparison.Ordinal)).Open();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>pickle.dumps of os.system("touch Marker"), protocol 2: GLOBAL 'posix system', the argument, TUPLE1, REDUCE, STOP.</summary>
    private static byte[] GlobalCall() =>
        [0x80, 2, .. "cposix\nsystem\n"u8, .. Unicode($"touch {Marker}"), 0x85, (byte)'R', (byte)'.'];

    /// <summary>
    /// builtins.exec("open(Marker, 'w')"), protocol 4: both names memoized (MEMOIZE), popped and fetched back (BINGET)
    /// before STACK_GLOBAL, so the scan must follow the memo.
    /// </summary>
    private static byte[] StackGlobalCall() =>
        [0x80, 4, .. Unicode("builtins"), 0x94, .. Unicode("exec"), 0x94, (byte)'0', (byte)'0', (byte)'h', 0, (byte)'h', 1, 0x93,
         .. Unicode($"open('{Marker}', 'w')"), 0x85, (byte)'R', (byte)'.'];

    /// <summary>BINUNICODE: 'X', a 4-byte little-endian length, UTF-8 bytes.</summary>
    private static byte[] Unicode(string s)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(s);
        return [(byte)'X', .. BitConverter.GetBytes(bytes.Length), .. bytes];
    }

    /// <summary>A TorchScript file where a state dict is required is refused (loading one runs libtorch's deserializer).</summary>
    [Fact]
    public void TorchScriptIsReadOnlyWhereAllowed()
    {
        var e = Assert.Throws<InvalidDataException>(() => NetworkFile.Read(Fixtures.File("mlp", "a.torchscript.pt"), allowTorchScript: false));
        Assert.Contains("TorchScript", e.Message);
    }
}
