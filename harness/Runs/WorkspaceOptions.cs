namespace Reproduce.Harness.Runs;

/// <summary>How a user asked to open the workspace (the shared options of the CLI and the build).</summary>
/// <param name="Root">Repository root; null: the nearest folder upward holding Reproduce.sln, else the current folder.</param>
/// <param name="Profile">smoke, quick or paper; null: the base specs.</param>
/// <param name="Spec">A spec file or a glob (e.g. <c>specs/mlp-*.yaml</c>); null: <c>specs/*.yaml</c>.</param>
/// <param name="Jobs">Stages run at once.</param>
/// <param name="Device">cpu, cuda or auto: where train stages compute, over the specs' <c>device</c>; null: the specs'. Not part
/// of any stage key (the same computation in another place).</param>
/// <param name="DataDirectory">The data cache; null: $REPRODUCE_DATA, else <c>artifacts/data</c> under the root (<c>DataCache.Resolve</c>).</param>
public sealed record WorkspaceOptions(string? Root = null, string? Profile = "quick", string? Spec = null, int Jobs = 1, string? Device = null,
    string? DataDirectory = null);
