using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Reproduce.Harness.Logging;

/// <summary>Configures Serilog: human lines on the console (above the progress bars) and JSON lines in artifacts/logs/.</summary>
public static class LogSetup
{
    /// <summary>Starts logging for a run; returns the JSON log file's path.</summary>
    public static string Configure(string repoRoot, TextWriter console, bool verbose = false)
    {
        var dir = Path.Combine(repoRoot, "artifacts", "logs");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}.jsonl");
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Sink(new TextWriterSink(console, "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}"),
                verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.File(new CompactJsonFormatter(), file)
            .CreateLogger();
        return file;
    }

    /// <summary>
    /// Starts logging in a worker process: every event, Debug included, goes to <paramref name="parent"/> (the worker's
    /// standard output, read by the run that started it, which writes them to its console and its JSON log); the worker
    /// writes no log file of its own.
    /// </summary>
    public static void ConfigureWorker(ILogEventSink parent) =>
        Log.Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(parent).CreateLogger();
}
