using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Reproduce.Harness.Planning;

/// <summary>key = first 16 hex digits of SHA-256(canonical JSON of {kind, version, settings, inputs}).</summary>
public static class StageKey
{
    /// <summary>Computes the key of a stage from what defines it.</summary>
    public static string Compute(string kind, JsonObject settings, IEnumerable<string> inputKeys)
    {
        var doc = new JsonObject
        {
            ["kind"] = kind,
            ["version"] = StageKinds.Version(kind),
            ["settings"] = settings.DeepClone(),
            ["inputs"] = new JsonArray(inputKeys.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Write(doc)));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
