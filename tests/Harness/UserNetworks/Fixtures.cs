using System.Text.Json;

namespace Reproduce.Tests.Harness.UserNetworks;

/// <summary>
/// The fixtures of tests/Fixtures/UserNetworks (made by make_fixtures.py there): two PyTorch-trained nets per family
/// (<c>mlp</c>, <c>convbn</c>) in three forms each, their data as .npy, and PyTorch's reference numbers.
/// </summary>
internal static class Fixtures
{
    /// <summary>The fixtures folder in the test output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "UserNetworks");

    /// <summary>A file of a family, e.g. File("mlp", "a.pt").</summary>
    public static string File(string family, string name) => Path.Combine(Folder, family, name);

    /// <summary>A family's data folder (train_x.npy, train_y.npy, test_x.npy, test_y.npy).</summary>
    public static string Data(string family) => Path.Combine(Folder, family);

    /// <summary>A refused file of bad/.</summary>
    public static string Bad(string name) => Path.Combine(Folder, "bad", name);

    /// <summary>The symmetry description of a family: the MLP's beside its fixtures, the conv net's in docs/examples.</summary>
    public static string Symmetry(string family) => family == "convbn"
        ? Path.Combine(RepoRoot.Find(), "docs", "examples", "convbn.symmetry.yaml")
        : File(family, $"{family}.symmetry.yaml");

    /// <summary>The three forms of network <paramref name="net"/> (a or b) of a family.</summary>
    public static IReadOnlyList<string> Forms(string family, string net) =>
        [File(family, $"{net}.safetensors"), File(family, $"{net}.pt"), File(family, $"{net}.torchscript.pt")];

    /// <summary>reference.json of a family.</summary>
    public static JsonElement Reference(string family) =>
        JsonDocument.Parse(System.IO.File.ReadAllText(File(family, "reference.json"))).RootElement;
}
