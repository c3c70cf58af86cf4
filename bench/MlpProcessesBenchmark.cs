using System.Diagnostics;
using System.Globalization;
using Reproduce.Core.Data;
using Reproduce.Core.Models;
using Reproduce.Core.Training;
using Reproduce.Harness.Data;
using static TorchSharp.torch;

namespace Reproduce.Bench;

/// <summary>
/// MLP 784-500-500-10 training throughput (the harness's trainer, Nesterov SGD, batch 128, MNIST) of one process with 2
/// libtorch threads against two processes with 1 thread each, running at once: what <c>--jobs 1 --threads-per-job 2</c>
/// and <c>--jobs 2 --threads-per-job 1</c> give a run's train stages on 2 cores. Each process loads the data and trains
/// one warm-up epoch, then all start their timed epochs together; a configuration's throughput is the sum over its
/// processes of samples / training seconds. Configurations alternate, best of 2 (1 with --quick).
/// </summary>
public sealed class MlpProcessesBenchmark : IBenchmark
{
    /// <summary>The first argument that makes the bench executable a training process of this benchmark.</summary>
    public const string ChildFlag = "--mlp-process";

    /// <inheritdoc />
    public string Name => "jobs-mlp-processes";

    /// <inheritdoc />
    public IEnumerable<BenchRow> Run(BenchContext context)
    {
        new DataFetcher().EnsureAsync("mnist", context.DataDirectory, CancellationToken.None).GetAwaiter().GetResult();
        var (samples, epochs, reps) = context.Quick ? (4096, 1, 1) : (20000, 3, 2);
        double one = 0, two = 0;
        for (var r = 0; r < reps; r++)
        {
            one = Math.Max(one, Throughput([2], context.DataDirectory, samples, epochs));
            two = Math.Max(two, Throughput([1, 1], context.DataDirectory, samples, epochs));
        }
        yield return new BenchRow("MLP 784-500-500-10 training, 1 process × 2 threads", one, "samples/s");
        yield return new BenchRow("MLP 784-500-500-10 training, 2 processes × 1 thread (sum)", two, "samples/s");
        yield return new BenchRow("2 processes × 1 thread over 1 process × 2 threads", (two / one - 1) * 100, "%");
    }

    /// <summary>Samples per second of processes with <paramref name="threads"/> libtorch threads each, training at once.</summary>
    private static double Throughput(int[] threads, string dataDir, int samples, int epochs)
    {
        var self = typeof(MlpProcessesBenchmark).Assembly.Location;
        var processes = threads.Select(t =>
        {
            var psi = new ProcessStartInfo(DotnetHost(), [self, ChildFlag, Text(t), Text(samples), Text(epochs), Path.GetFullPath(dataDir)])
            {
                UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true,
            };
            psi.Environment["OMP_NUM_THREADS"] = psi.Environment["MKL_NUM_THREADS"] = Text(t);
            return Process.Start(psi)!;
        }).ToList();
        try
        {
            foreach (var p in processes)
                if (p.StandardOutput.ReadLine() != "ready") throw new InvalidOperationException("a training process did not start");
            foreach (var p in processes) p.StandardInput.WriteLine("go");
            var total = 0.0;
            foreach (var p in processes)
            {
                var done = (p.StandardOutput.ReadLine() ?? "").Split(' ');
                total += double.Parse(done[1], CultureInfo.InvariantCulture) / double.Parse(done[2], CultureInfo.InvariantCulture);
                p.WaitForExit();
            }
            return total;
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited) p.Kill();
                p.Dispose();
            }
        }
    }

    /// <summary>
    /// A training process: <c>--mlp-process THREADS SAMPLES EPOCHS DATA_DIR</c>. Loads MNIST, trains one warm-up epoch on
    /// the first SAMPLES images, prints <c>ready</c>, waits for a line, trains EPOCHS epochs and prints
    /// <c>done SAMPLES·EPOCHS SECONDS</c> (training time only).
    /// </summary>
    public static int Child(string[] args)
    {
        var (threads, samples, epochs) = (int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture),
            int.Parse(args[3], CultureInfo.InvariantCulture));
        set_num_threads(threads);
        using var data = DatasetLoader.Load(args[4], new DataRequest("mnist"));
        using var part = new Dataset("mnist", data.Train.Inputs.narrow(0, 0, samples).alias(), data.Train.Labels.narrow(0, 0, samples).alias(),
            data.Train.Classes);
        using var init = DefaultInitialization.GeneratorFor(1, 0);
        using var model = Architecture.Parse("mlp:784,500,500,10").Create(init);
        using var run = new Sgd(model, part, new TrainOptions(OptimizerOptions.Sgd(0.05, 0.9, true), 128, epochs + 1, -1, 1));
        run.Next();
        Console.WriteLine("ready");
        Console.ReadLine();
        var seconds = 0.0;
        for (var e = 0; e < epochs; e++) seconds += run.Next().Seconds;
        Console.WriteLine($"done {Text(samples * epochs)} {seconds.ToString("R", CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}
