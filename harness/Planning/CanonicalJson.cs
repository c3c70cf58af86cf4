using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reproduce.Harness.Planning;

/// <summary>
/// Canonical JSON text of a settings tree: keys sorted ordinally, no whitespace, numbers in invariant
/// round-trip form. Two equal trees give the same bytes, whatever order they were built in.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(JsonValue.Create(k).ToJsonString()).Append(':');
                    Append(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Append(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v when v.TryGetValue<double>(out var d) && !v.TryGetValue<long>(out _):
                if (!double.IsFinite(d)) throw new ArgumentException("settings cannot hold NaN or infinities");
                sb.Append(d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("F1", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }
}
