namespace Reproduce.Core.Probes;

/// <summary>The written names of <see cref="PathKind"/> (as stored in results) and which kinds apply to which nets.</summary>
public static class PathKinds
{
    private static readonly (PathKind Kind, string Name)[] Names =
    [
        (PathKind.Linear, "linear"), (PathKind.LinearAligned, "linear-aligned"), (PathKind.GeodesicAligned, "geodesic-aligned"),
        (PathKind.Hamming, "hamming"), (PathKind.HammingAligned, "hamming-aligned"),
    ];

    /// <summary>The kinds probed on a network: linear, linear-aligned, geodesic-aligned; binary nets hamming, hamming-aligned.</summary>
    public static IReadOnlyList<PathKind> For(bool binary) =>
        binary ? [PathKind.Hamming, PathKind.HammingAligned] : [PathKind.Linear, PathKind.LinearAligned, PathKind.GeodesicAligned];

    /// <summary>The written name, e.g. <c>geodesic-aligned</c>.</summary>
    public static string Name(PathKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>Reads a written name; throws naming the known ones.</summary>
    public static PathKind Parse(string name) =>
        Names.Where(n => n.Name == name).Select(n => (PathKind?)n.Kind).FirstOrDefault()
        ?? throw new FormatException($"unknown path kind '{name}' (known: {string.Join(", ", Names.Select(n => n.Name))})");

    /// <summary>Whether the kind walks between normalized networks (geodesic-aligned, hamming-aligned).</summary>
    public static bool Normalized(PathKind kind) => kind is PathKind.GeodesicAligned or PathKind.HammingAligned;

    /// <summary>Whether B is aligned to A first.</summary>
    public static bool Aligned(PathKind kind) => kind is not (PathKind.Linear or PathKind.Hamming);
}
