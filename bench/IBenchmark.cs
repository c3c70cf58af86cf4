namespace Reproduce.Bench;

/// <summary>One benchmark: measures something and returns rows for the printed table.</summary>
public interface IBenchmark
{
    /// <summary>Short name used by `--filter` and as the table's section title.</summary>
    string Name { get; }

    /// <summary>Runs the measurement; each row is one line of the table.</summary>
    IEnumerable<BenchRow> Run(BenchContext context);
}
