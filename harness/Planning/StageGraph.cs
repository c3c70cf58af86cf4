namespace Reproduce.Harness.Planning;

/// <summary>The planned stages in dependency order (inputs before users), each key once.</summary>
public sealed class StageGraph
{
    private readonly Dictionary<string, Stage> byKey;

    /// <summary>Stages, upstream first.</summary>
    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>Wraps stages that are already in dependency order with unique keys.</summary>
    public StageGraph(IReadOnlyList<Stage> stages)
    {
        Stages = stages;
        byKey = stages.ToDictionary(s => s.Key);
        foreach (var s in stages)
        foreach (var input in s.Inputs)
            if (!byKey.ContainsKey(input)) throw new ArgumentException($"stage {s.Id} reads {input}, which is not planned");
    }

    /// <summary>The stage with <paramref name="key"/>.</summary>
    public Stage this[string key] => byKey[key];

    /// <summary>True when a stage has <paramref name="key"/>.</summary>
    public bool Contains(string key) => byKey.ContainsKey(key);

    /// <summary>The stages of <paramref name="keys"/> and all they need, transitively; in dependency order.</summary>
    public IReadOnlyList<Stage> Closure(IEnumerable<string> keys)
    {
        var wanted = new HashSet<string>();
        var stack = new Stack<string>(keys);
        while (stack.Count > 0)
        {
            var k = stack.Pop();
            if (!wanted.Add(k)) continue;
            foreach (var i in byKey[k].Inputs) stack.Push(i);
        }
        return Stages.Where(s => wanted.Contains(s.Key)).ToList();
    }
}
