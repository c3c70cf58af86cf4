using System.Text.Json.Nodes;

namespace Reproduce.Harness.Cache;

/// <summary>
/// The record that a stage is done, written last (atomically) into its cache folder as <c>manifest.json</c>.
/// It lists each output file with its size and SHA-256, so a corrupted or half-replaced output is detected.
/// </summary>
/// <param name="Kind">Stage kind.</param>
/// <param name="Key">Stage key (must match the folder name).</param>
/// <param name="Version">Kind version the stage ran under.</param>
/// <param name="Id">Human name of the stage.</param>
/// <param name="Settings">Resolved settings.</param>
/// <param name="Inputs">Input stage keys.</param>
/// <param name="Outputs">Output file name → (bytes, SHA-256 hex).</param>
/// <param name="Result">Stage-specific results (errors, epochs, convergence, …).</param>
/// <param name="Provenance">When, where and with which versions it ran.</param>
public sealed record StageManifest(
    string Kind,
    string Key,
    int Version,
    string Id,
    JsonObject Settings,
    IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, OutputFile> Outputs,
    JsonObject Result,
    JsonObject Provenance);

/// <summary>An output file's size and SHA-256.</summary>
public sealed record OutputFile(long Bytes, string Sha256);
