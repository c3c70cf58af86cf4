using System.Diagnostics;
using System.Globalization;
using Reproduce.Bench;

// Runs every IBenchmark in this assembly (or those whose name contains --filter) and prints one table.
if (args.Length > 0 && args[0] == MlpProcessesBenchmark.ChildFlag) return MlpProcessesBenchmark.Child(args);
if (args.Length > 0 && args[0] == BlasSettingsBenchmark.ChildFlag) return BlasSettingsBenchmark.Child(args);
// Before any tensor code: the cap on oneDNN's kernels that the stages run with (Core.Numerics.OneDnnIsa).
Reproduce.Core.Numerics.OneDnnIsa.Apply();
var filter = ArgValue(args, "--filter");
var quick = args.Contains("--quick");
var dataDir = Environment.GetEnvironmentVariable("REPRODUCE_DATA") ?? Path.Combine("artifacts", "data");
var context = new BenchContext(dataDir, quick);
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .Where(b => filter is null || b.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var rows = new List<(string Bench, BenchRow Row)>();
foreach (var b in benchmarks)
{
    Console.Error.WriteLine($"running {b.Name} ...");
    var sw = Stopwatch.StartNew();
    foreach (var row in b.Run(context))
    {
        rows.Add((b.Name, row));
        Console.Error.WriteLine($"  {row.Measure}: {Format(row.Value)} {row.Unit}");
    }
    Console.Error.WriteLine($"  ({sw.Elapsed.TotalSeconds:F1} s)");
}

var header = new[] { "benchmark", "measure", "value", "unit", "goal", "met" };
var table = rows.Select(r => new[] { r.Bench, r.Row.Measure, Format(r.Row.Value), r.Row.Unit, r.Row.Goal,
    r.Row.Met is null ? "" : r.Row.Met.Value ? "yes" : "NO" }).ToList();
var widths = header.Select((h, i) => Math.Max(h.Length, table.Count == 0 ? 0 : table.Max(r => r[i].Length))).ToArray();
Console.WriteLine(string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))));
Console.WriteLine(string.Join("-|-", widths.Select(w => new string('-', w))));
foreach (var r in table) Console.WriteLine(string.Join(" | ", r.Select((c, i) => c.PadRight(widths[i]))));
return 0;

static string Format(double v) => Math.Abs(v) >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture)
    : Math.Abs(v) >= 1 ? v.ToString("F2", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);

static string? ArgValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
