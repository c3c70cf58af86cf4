using System.Globalization;

namespace Reproduce.Harness.Report;

/// <summary>How the report writes numbers: rounded to what the eye compares (4 significant digits), invariant culture, "—" for none.</summary>
public static class Numbers
{
    /// <summary>A number rounded to 4 significant digits; "—" for NaN or null.</summary>
    public static string Format(double? x)
    {
        if (x is not { } v || double.IsNaN(v)) return "—";
        if (double.IsInfinity(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        var a = Math.Abs(v);
        if (a < 1e-3 || a >= 1e6) return v.ToString("0.###e+0", CultureInfo.InvariantCulture);
        var digits = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
        return Math.Round(v, digits).ToString("0." + new string('#', Math.Max(1, digits)), CultureInfo.InvariantCulture);
    }

    /// <summary>A 0-1 error as a percentage with two decimals.</summary>
    public static string Percent(double x) => double.IsNaN(x) ? "—" : (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
