using System.Collections;
using Reproduce.Harness.Networks;
using Reproduce.Harness.UserNetworks;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>A user's data folder: four .npy arrays or one data.safetensors; every malformed array is refused naming it.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"reproduce-data-{Guid.NewGuid():N}");

    public DataDirectoryTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>The fixture's .npy folder reads as float32 inputs and int64 labels with numpy's shapes and values (exactly).</summary>
    [Fact]
    public void NpyArraysReadWithTheirShapesAndValues()
    {
        using var data = DataDirectory.Load(Fixtures.Data("convbn"));
        Assert.Equal([64L, 3, 8, 8], data.Train.Inputs.shape);
        Assert.Equal([32L], data.Test.Labels.shape);
        Assert.Equal(ScalarType.Float32, data.Train.Inputs.dtype);
        Assert.Equal(ScalarType.Int64, data.Train.Labels.dtype);
        Assert.Equal(3, data.Train.Classes);
        Assert.Equal(new long[] { 0, 1, 2, 0 }, data.Train.Labels.narrow(0, 0, 4).data<long>().ToArray());
    }

    /// <summary>The same arrays in one data.safetensors, or one torch.save-format data.pt, give the same tensors (tolerance 0).</summary>
    [Theory]
    [InlineData("data.safetensors")]
    [InlineData("data.pt")]
    public void OneFileHoldsTheSameData(string file)
    {
        using var npy = DataDirectory.Load(Fixtures.Data("mlp"));
        var arrays = new Dictionary<string, Tensor>
        {
            ["train_x"] = npy.Train.Inputs, ["train_y"] = npy.Train.Labels.to(ScalarType.Int32), ["test_x"] = npy.Test.Inputs, ["test_y"] = npy.Test.Labels,
        };
        if (file.EndsWith(".pt", StringComparison.Ordinal)) PyTorchPickler.PickleStateDict(Path.Combine(dir, file), new Hashtable(arrays));
        else StateDictFile.Save(Path.Combine(dir, file), arrays);
        using var st = DataDirectory.Load(dir);
        Assert.True(st.Train.Inputs.eq(npy.Train.Inputs).all().item<bool>());
        Assert.True(st.Train.Labels.eq(npy.Train.Labels).all().item<bool>());
        Assert.True(st.Test.Inputs.eq(npy.Test.Inputs).all().item<bool>());
    }

    /// <summary>Arrays of the wrong shape or dtype are refused naming the array and what was expected.</summary>
    [Theory]
    [InlineData("labels float", "test_y has dtype Float32; expected integer class indices")]
    [InlineData("labels 2-D", "train_y has shape (128, 1); expected (128), one class index per example")]
    [InlineData("count", "test_y has shape (63); expected (64), one class index per example")]
    [InlineData("example shape", "train_x examples have shape (20), test_x examples (4, 5); they must match")]
    [InlineData("negative", "train_y holds a negative class index")]
    [InlineData("missing", "no tensor 'test_y'")]
    public void MalformedArraysAreRefused(string fault, string message)
    {
        using var good = DataDirectory.Load(Fixtures.Data("mlp"));
        var arrays = new Dictionary<string, Tensor>
        {
            ["train_x"] = good.Train.Inputs, ["train_y"] = good.Train.Labels, ["test_x"] = good.Test.Inputs, ["test_y"] = good.Test.Labels,
        };
        using var scope = NewDisposeScope();
        switch (fault)
        {
            case "labels float": arrays["test_y"] = good.Test.Labels.to(ScalarType.Float32); break;
            case "labels 2-D": arrays["train_y"] = good.Train.Labels.unsqueeze(1); break;
            case "count": arrays["test_y"] = good.Test.Labels.narrow(0, 0, 63); break;
            case "example shape": arrays["test_x"] = good.Test.Inputs.reshape(64, 4, 5); break;
            case "negative": arrays["train_y"] = good.Train.Labels.neg(); break;
            case "missing": arrays.Remove("test_y"); break;
        }
        StateDictFile.Save(Path.Combine(dir, "data.safetensors"), arrays);
        var e = Assert.ThrowsAny<Exception>(() => DataDirectory.Load(dir));
        Assert.IsType<InvalidDataException>(e);
        Assert.Contains(message, e.Message);
    }

    /// <summary>A truncated .npy, an empty folder, and two forms of the data at once are refused, each saying why.</summary>
    [Fact]
    public void TruncatedMissingAndAmbiguousDataAreRefused()
    {
        foreach (var name in DataDirectory.Names) File.Copy(Path.Combine(Fixtures.Data("mlp"), name + ".npy"), Path.Combine(dir, name + ".npy"));
        var bytes = File.ReadAllBytes(Path.Combine(dir, "train_x.npy"));
        File.WriteAllBytes(Path.Combine(dir, "train_x.npy"), bytes[..^40]);
        Assert.Contains("train_x.npy: holds 10200 bytes of data, its shape (128, 20) of <f4 needs 10240", Assert.Throws<InvalidDataException>(() => DataDirectory.Load(dir)).Message);
        File.WriteAllBytes(Path.Combine(dir, "data.safetensors"), [1, 2, 3]);
        Assert.Contains("more than one form", Assert.Throws<InvalidDataException>(() => DataDirectory.Load(dir)).Message);
        var empty = Directory.CreateDirectory(Path.Combine(dir, "empty")).FullName;
        Assert.Contains("no data", Assert.Throws<FileNotFoundException>(() => DataDirectory.Load(empty)).Message);
        Assert.Throws<DirectoryNotFoundException>(() => DataDirectory.Load(Path.Combine(dir, "nowhere")));
    }
}
