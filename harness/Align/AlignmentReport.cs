using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Core.Symmetry;

namespace Reproduce.Harness.Align;

/// <summary>
/// Writes <c>alignment.json</c> of <c>reproduce align</c>: the architecture, the input files, per hidden group the
/// permutation and sign flips of the normalized alignment (and of the raw one), and the distances over weight
/// tensors: <c>euclidean_raw</c>, <c>euclidean_aligned</c>, <c>geodesic_normalized_aligned</c> (binary nets also
/// <c>hamming_raw</c>, <c>hamming_aligned</c>). permutation[i] = j: unit i of aligned B is unit j of B;
/// sign_flips lists the aligned units whose sign was flipped (null for groups without the sign symmetry).
/// </summary>
public static class AlignmentReport
{
    /// <summary>The distances reported, in the order written; a null value is left out.</summary>
    /// <param name="EuclideanRaw">||A − B|| over weight tensors.</param>
    /// <param name="EuclideanAligned">||A − B aligned|| (raw cosines), weight tensors.</param>
    /// <param name="GeodesicNormalizedAligned">Geodesic distance between normalized A and normalized-aligned B.</param>
    /// <param name="HammingRaw">Binary nets: fraction of differing signs of A and B.</param>
    /// <param name="HammingAligned">Binary nets: the same after normalizing and aligning.</param>
    public sealed record Distances(double EuclideanRaw, double EuclideanAligned, double GeodesicNormalizedAligned, double? HammingRaw, double? HammingAligned);

    /// <summary>
    /// The JSON text (indented, UTF-8 without BOM when written); <paramref name="source"/>, when given, is written as
    /// <c>source</c>: how the networks were read (<see cref="UserNetworks.UserNetwork.Describe"/>: the files, whether the
    /// architecture was inferred, a description's verification).
    /// </summary>
    public static string ToJson(UnitLayout layout, string pathA, string pathB, Alignment normalized, Alignment raw, Distances d,
        JsonObject? source = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("architecture", layout.Architecture);
            w.WriteString("a", pathA);
            w.WriteString("b", pathB);
            if (source is not null)
            {
                w.WritePropertyName("source");
                source.WriteTo(w);
            }
            w.WriteNumber("euclidean_raw", d.EuclideanRaw);
            w.WriteNumber("euclidean_aligned", d.EuclideanAligned);
            w.WriteNumber("geodesic_normalized_aligned", d.GeodesicNormalizedAligned);
            if (d.HammingRaw is { } hr) w.WriteNumber("hamming_raw", hr);
            if (d.HammingAligned is { } ha) w.WriteNumber("hamming_aligned", ha);
            w.WriteStartArray("layers");
            for (var k = 0; k < layout.Groups.Count; k++)
            {
                var group = layout.Groups[k];
                w.WriteStartObject();
                w.WriteString("group", group.Name);
                w.WriteNumber("units", group.Units);
                w.WriteString("symmetry", group.Symmetry.ToString());
                WriteMatch(w, "", normalized.Groups[k]);
                WriteMatch(w, "_raw", raw.Groups[k]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMatch(Utf8JsonWriter w, string suffix, GroupAlignment g)
    {
        w.WriteStartArray("permutation" + suffix);
        foreach (var p in g.Permutation) w.WriteNumberValue(p);
        w.WriteEndArray();
        if (g.Flips is null) w.WriteNull("sign_flips" + suffix);
        else
        {
            w.WriteStartArray("sign_flips" + suffix);
            for (var i = 0; i < g.Flips.Length; i++) if (g.Flips[i]) w.WriteNumberValue(i);
            w.WriteEndArray();
        }
        w.WriteNumber("mean_cosine" + suffix, g.Cosines.Length == 0 ? 1 : g.Cosines.Average());
    }
}
