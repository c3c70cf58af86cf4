using System.Text.Json;
using System.Text.Json.Nodes;
using Reproduce.Harness.Cache;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Plots;

namespace Reproduce.Harness.Runs;

/// <summary>Prints the stage graph with each stage's state (cached, to run, corrupt), as a table or as JSON.</summary>
public static class PlanPrinter
{
    /// <summary>
    /// Writes the table: one line per stage, upstream first, with its key and inputs (the first few, then a count); then
    /// each experiment with its stages and the paper's figures and findings it produces, figure by figure.
    /// </summary>
    public static void Table(Workspace ws, TextWriter output)
    {
        var states = ws.Inspect();
        int cached = states.Count(s => s.State == StageState.Done), toRun = states.Count - cached;
        output.WriteLine($"profile {(ws.Options.Profile ?? "(base)")} · {ws.Specs.Count} spec(s) · {states.Count} stages: {cached} cached, {toRun} to run");
        var width = Math.Max(5, states.Select(s => s.Stage.Id.Length).DefaultIfEmpty(5).Max());
        output.WriteLine($"  {"state",-8} {"stage".PadRight(width)} {"key",-16}  inputs");
        foreach (var (stage, state, problem) in states)
        {
            var label = state switch { StageState.Done => "cached", StageState.Corrupt => "corrupt", _ => "to run" };
            var inputs = string.Join(", ", stage.Inputs.Take(MaxInputsShown).Select(k => ws.Graph[k].Id));
            if (stage.Inputs.Count > MaxInputsShown) inputs += $", … ({stage.Inputs.Count} inputs)";
            output.WriteLine($"  {label,-8} {stage.Id.PadRight(width)} {stage.Key,-16}  {inputs}");
            if (problem is not null) output.WriteLine($"           ! {problem}");
        }
        Experiments(ws, states.ToDictionary(s => s.Stage.Key, s => s.State), output);
    }

    private const int MaxInputsShown = 3;

    /// <summary>Per experiment: data, network, algorithms × seeds, stages by kind (to run of all), then one line per figure and the findings.</summary>
    private static void Experiments(Workspace ws, IReadOnlyDictionary<string, StageState> states, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{ws.Specs.Count} experiment(s), figure by figure{(ws.Disabled.Count > 0 ? $" (left out by this profile: {string.Join(", ", ws.Disabled)})" : "")}:");
        foreach (var spec in ws.Specs)
        {
            var own = ws.Graph.Stages.Where(s => s.Experiments.Contains(spec.Name)).ToList();
            var train = own.FirstOrDefault(s => s.Kind == StageKinds.Train);
            var arch = train is null ? spec.Network.Arch : ProbePlanner.ArchitectureOf(train.Settings);
            output.WriteLine($"  {spec.Name}: {spec.Data.Dataset}, {arch}; {string.Join(", ", spec.Algorithms.Select(a => a.Name))} × {spec.Seeds.Count} seed(s)");
            var kinds = own.GroupBy(s => s.Kind).Select(g => $"{g.Key} {g.Count(s => states[s.Key] != StageState.Done)}/{g.Count()}");
            output.WriteLine($"    stages to run/planned: {string.Join(", ", kinds)}");
            foreach (var plot in own.Where(s => s.Kind == StageKinds.Plot))
            {
                var figure = Figures.Get((string)plot.Settings["figure"]!);
                var state = states[plot.Key] == StageState.Done ? "cached" : "to run";
                output.WriteLine($"    {(string)plot.Settings["file"]!,-24} {figure.Paper,-56} {state,-7} {plot.Id}");
            }
            if (own.FirstOrDefault(s => s.Kind == StageKinds.Findings) is { } findings)
                output.WriteLine($"    {"findings F1-F11, I1",-24} {"METHOD.md §8",-56} {(states[findings.Key] == StageState.Done ? "cached" : "to run"),-7} {findings.Id}");
        }
    }

    /// <summary>Writes the plan as JSON: stages with kind, id, key, state, inputs (ids), experiments and settings.</summary>
    public static void Json(Workspace ws, TextWriter output)
    {
        var stages = new JsonArray();
        foreach (var (stage, state, problem) in ws.Inspect())
            stages.Add(new JsonObject
            {
                ["kind"] = stage.Kind,
                ["id"] = stage.Id,
                ["key"] = stage.Key,
                ["state"] = state.ToString().ToLowerInvariant(),
                ["problem"] = problem,
                ["inputs"] = new JsonArray(stage.Inputs.Select(k => (JsonNode?)JsonValue.Create(ws.Graph[k].Id)).ToArray()),
                ["experiments"] = new JsonArray(stage.Experiments.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                ["settings"] = stage.Settings.DeepClone(),
            });
        var doc = new JsonObject { ["profile"] = ws.Options.Profile, ["root"] = ws.Root, ["stages"] = stages };
        output.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
