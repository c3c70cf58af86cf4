using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Reproduce.Harness.Logging;

/// <summary>Writes log events as formatted lines to a <see cref="TextWriter"/> (the progress view's writer).</summary>
public sealed class TextWriterSink(TextWriter writer, string template) : ILogEventSink
{
    private readonly MessageTemplateTextFormatter formatter = new(template);

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        var line = new StringWriter();
        formatter.Format(logEvent, line);
        lock (writer) writer.Write(line.ToString());
    }
}
