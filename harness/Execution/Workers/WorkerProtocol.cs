using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Reproduce.Harness.Execution.Workers;

/// <summary>
/// How a worker process (<c>reproduce stage serve</c>) and the run that started it talk: one message per line, <c>@@KIND JSON</c>.
/// The run writes requests to the worker's standard input, one at a time, each once the previous one has ended:
/// <list type="bullet">
/// <item><c>@@run {"kind": "train", "key": "…"}</c>: compute this stage (the run holds its lock).</item>
/// </list>
/// The worker answers on its standard output:
/// <list type="bullet">
/// <item><c>@@log {…}</c>: a log event in Serilog's compact JSON (<c>@t</c>, <c>@mt</c>, <c>@l</c>, <c>@x</c>, properties);
/// the parent writes it to its console and its JSON log as its own, with the worker's process id added.</item>
/// <item><c>@@progress {"f": 0.42, "s": "epoch 3/20"}</c>: the stage's progress bar.</item>
/// <item>the stage's end, exactly one of: <c>@@done {"working_set": BYTES}</c> (committed; the worker's resident memory
/// after it), <c>@@skipped "why"</c> (its data set cannot be had here) or <c>@@failed "error"</c>.</item>
/// </list>
/// Any other line (libtorch's own output, a crash dump on standard error) is kept as text. <c>reproduce stage run</c> (one
/// stage, as a Slurm job runs it) says the same with its exit code: <see cref="Done"/>, <see cref="Failed"/>, <see cref="Skipped"/>.
/// </summary>
public static class WorkerProtocol
{
    /// <summary>Exit code of <c>stage run</c> when its stage is done.</summary>
    public const int Done = 0;

    /// <summary>Exit code of <c>stage run</c> when its stage failed.</summary>
    public const int Failed = 1;

    /// <summary>Exit code of <c>stage run</c> when its stage was skipped.</summary>
    public const int Skipped = 3;

    private const string Prefix = "@@";
    private static readonly CompactJsonFormatter Compact = new();
    private static readonly MessageTemplateParser Templates = new();

    /// <summary>The request line asking a worker to compute <paramref name="kind"/> stage <paramref name="key"/>.</summary>
    public static string Request(string kind, string key) =>
        $"{Prefix}run {new JsonObject { ["kind"] = kind, ["key"] = key }.ToJsonString()}";

    /// <summary>Decodes a request line; null when it is not one.</summary>
    public static WorkerRequest? ParseRequest(string line)
    {
        const string run = Prefix + "run ";
        if (!line.StartsWith(run, StringComparison.Ordinal)) return null;
        try
        {
            var o = JsonNode.Parse(line[run.Length..])!.AsObject();
            return (string?)o["kind"] is { Length: > 0 } kind && (string?)o["key"] is { Length: > 0 } key ? new WorkerRequest(kind, key) : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The line saying the stage is done, with the worker's resident memory after it (<paramref name="workingSet"/> bytes).</summary>
    public static string Finished(long workingSet) => $"{Prefix}done {new JsonObject { ["working_set"] = workingSet }.ToJsonString()}";

    /// <summary>The line of a log event.</summary>
    public static string Log(LogEvent e)
    {
        var json = new StringWriter();
        Compact.Format(e, json);
        return $"{Prefix}log {json.ToString().TrimEnd('\r', '\n')}";
    }

    /// <summary>The line of a progress report.</summary>
    public static string Progress(double fraction, string status) =>
        $"{Prefix}progress {new JsonObject { ["f"] = Math.Round(fraction, 4), ["s"] = status }.ToJsonString()}";

    /// <summary>The line saying the stage was skipped for <paramref name="reason"/>.</summary>
    public static string Skip(string reason) => $"{Prefix}skipped {JsonSerializer.Serialize(reason)}";

    /// <summary>The line saying the stage failed with <paramref name="error"/>.</summary>
    public static string Fail(string error) => $"{Prefix}failed {JsonSerializer.Serialize(error)}";

    /// <summary>Decodes one line; anything that is not a well-formed message is <see cref="WorkerMessageKind.Text"/>.</summary>
    public static WorkerMessage Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return Text(line);
        var space = line.IndexOf(' ');
        if (space < 0) return Text(line);
        var (kind, payload) = (line[Prefix.Length..space], line[(space + 1)..]);
        try
        {
            switch (kind)
            {
                case "log":
                    var e = Event(JsonNode.Parse(payload)!.AsObject());
                    return new WorkerMessage(WorkerMessageKind.Log, e.RenderMessage(CultureInfo.InvariantCulture), Event: e);
                case "progress":
                    var p = JsonNode.Parse(payload)!.AsObject();
                    return new WorkerMessage(WorkerMessageKind.Progress, (string?)p["s"] ?? "", (double)p["f"]!);
                case "done":
                    return JsonNode.Parse(payload)!.AsObject()["working_set"] is JsonValue w && w.TryGetValue<long>(out var bytes)
                        ? new WorkerMessage(WorkerMessageKind.Done, "", WorkingSet: bytes) : Text(line);
                case "skipped":
                    return new WorkerMessage(WorkerMessageKind.Skipped, JsonSerializer.Deserialize<string>(payload) ?? "");
                case "failed":
                    return new WorkerMessage(WorkerMessageKind.Failed, JsonSerializer.Deserialize<string>(payload) ?? "");
                default:
                    return Text(line);
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return Text(line);
        }
    }

    private static WorkerMessage Text(string line) => new(WorkerMessageKind.Text, line);

    /// <summary>Rebuilds a log event from its compact JSON (the reverse of <see cref="Log"/>).</summary>
    private static LogEvent Event(JsonObject o)
    {
        var time = DateTimeOffset.Parse((string)o["@t"]!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var level = o["@l"] is { } l ? Enum.Parse<LogEventLevel>((string)l!) : LogEventLevel.Information;
        var error = o["@x"] is { } x ? new WorkerException((string)x!) : null;
        var template = Templates.Parse((string?)o["@mt"] ?? "");
        var properties = new List<LogEventProperty>();
        foreach (var (name, value) in o)
        {
            // Compact JSON marks its own fields with one @ and doubles the @ of a property named with one.
            if (name.StartsWith('@') && !name.StartsWith("@@", StringComparison.Ordinal)) continue;
            properties.Add(new LogEventProperty(name.StartsWith("@@", StringComparison.Ordinal) ? name[1..] : name, Value(value)));
        }
        return new LogEvent(time, level, error, template, properties);
    }

    private static LogEventPropertyValue Value(JsonNode? node) => node switch
    {
        null => new ScalarValue(null),
        JsonArray a => new SequenceValue(a.Select(Value)),
        JsonObject o => new StructureValue(o.Where(p => p.Key != "$type").Select(p => new LogEventProperty(p.Key, Value(p.Value))),
            o["$type"] is JsonValue t ? (string?)t : null),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => new ScalarValue((string?)v),
            JsonValueKind.True => new ScalarValue(true),
            JsonValueKind.False => new ScalarValue(false),
            JsonValueKind.Number when v.TryGetValue<long>(out var n) => new ScalarValue(n),
            JsonValueKind.Number => new ScalarValue((double)v),
            _ => new ScalarValue(v.ToJsonString()),
        },
        _ => new ScalarValue(node.ToJsonString()),
    };

    /// <summary>A worker's exception, carried as its text: <see cref="ToString"/> gives the worker's own account.</summary>
    private sealed class WorkerException(string text) : Exception(text.Split('\n', 2)[0])
    {
        public override string ToString() => text;
    }
}
