using System.Text;
using Reproduce.Harness.Planning;
using Reproduce.Harness.Stages;

namespace Reproduce.Harness.Logging;

/// <summary>
/// A progress bar per running stage, drawn at the bottom of an interactive terminal; log lines are written above the
/// bars through <see cref="Writer"/>. On a non-interactive output (CI, a pipe) it draws nothing and the log says it all.
/// </summary>
public sealed class ProgressView : IProgressSink, IDisposable
{
    private readonly object gate = new();
    private readonly TextWriter console;
    private readonly List<Bar> bars = [];
    private readonly Timer? timer;
    private int drawn;

    /// <summary>True when bars are drawn.</summary>
    public bool Interactive { get; }

    /// <summary>Write log lines here so they appear above the bars.</summary>
    public TextWriter Writer { get; }

    /// <summary>Creates the view on the process's standard output.</summary>
    public ProgressView()
    {
        console = Console.Out;
        Interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null
                      && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
        Writer = new LineWriter(this);
        if (Interactive) timer = new Timer(_ => Redraw(), null, 250, 250);
    }

    /// <inheritdoc />
    public IStageProgressHandle Start(Stage stage)
    {
        var bar = new Bar(this, stage.Id);
        lock (gate) bars.Add(bar);
        return bar;
    }

    /// <summary>Stops drawing and clears the bars.</summary>
    public void Dispose()
    {
        timer?.Dispose();
        lock (gate) Clear();
    }

    private void WriteAbove(string text)
    {
        lock (gate)
        {
            Clear();
            console.Write(text);
            Draw();
        }
    }

    private void Redraw()
    {
        lock (gate)
        {
            Clear();
            Draw();
        }
    }

    private void Clear()
    {
        if (!Interactive || drawn == 0) return;
        var sb = new StringBuilder();
        for (var i = 0; i < drawn; i++) sb.Append("\x1b[1A\x1b[2K");
        console.Write(sb.ToString());
        drawn = 0;
    }

    private void Draw()
    {
        if (!Interactive) return;
        var width = Math.Max(40, SafeWidth() - 1);
        foreach (var b in bars)
        {
            const int cells = 24;
            var filled = (int)Math.Round(Math.Clamp(b.Fraction, 0, 1) * cells);
            var line = $"{b.Id,-36} [{new string('#', filled)}{new string('.', cells - filled)}] {b.Fraction,4:P0} {b.Elapsed:mm\\:ss} {b.Status}";
            console.WriteLine(line.Length > width ? line[..width] : line);
            drawn++;
        }
        console.Flush();
    }

    private static int SafeWidth()
    {
        try { return Console.WindowWidth; }
        catch (IOException) { return 120; }
    }

    private sealed class Bar(ProgressView view, string id) : IStageProgressHandle
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        public string Id { get; } = id;
        public double Fraction { get; private set; }
        public string Status { get; private set; } = "";
        public TimeSpan Elapsed => clock.Elapsed;

        public void Report(double fraction, string status)
        {
            Fraction = fraction;
            Status = status;
        }

        public void Dispose()
        {
            lock (view.gate)
            {
                view.Clear();
                view.bars.Remove(this);
                view.Draw();
            }
        }
    }

    private sealed class LineWriter(ProgressView view) : TextWriter
    {
        private readonly StringBuilder pending = new();
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (pending)
            {
                pending.Append(value);
                if (value != '\n') return;
                view.WriteAbove(pending.ToString());
                pending.Clear();
            }
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            foreach (var c in value) Write(c);
        }
    }
}
