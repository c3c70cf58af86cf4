using System.Globalization;
using Reproduce.Harness.Execution.Workers;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace Reproduce.Tests.Harness.Execution;

/// <summary>
/// What a worker writes on its standard output reaches its parent unchanged: a log event keeps its rendered message
/// (format specifiers included), level, timestamp, properties and exception text; progress, done, skip and failure lines
/// keep their numbers and text (newlines included); anything else is text. A request reaches the worker with its kind and
/// key, and nothing else is taken for one.
/// </summary>
public sealed class WorkerProtocolTests
{
    private sealed class Capture : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static LogEvent Logged(Action<ILogger> log)
    {
        var capture = new Capture();
        using (var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(capture).CreateLogger()) log(logger);
        return Assert.Single(capture.Events);
    }

    [Fact]
    public void ALogEventCrossesWithItsMessageLevelTimeAndProperties()
    {
        var sent = Logged(l => l.ForContext("Stage", "train/x/sgd/seed1").ForContext("Key", "abc")
            .Warning("{Stage}: epoch {Epoch}/{Epochs} loss {Loss:F4} error {Error:P2} lr {Lr:G3} ok {Ok} ({Seconds:F1} s)",
                "train/x/sgd/seed1", 3, 20, 0.123456789, 0.0125, 0.05, true, 1.25));

        var line = WorkerProtocol.Log(sent);
        Assert.DoesNotContain('\n', line);
        var got = WorkerProtocol.Parse(line);

        Assert.Equal(WorkerMessageKind.Log, got.Kind);
        var e = got.Event!;
        Assert.Equal(sent.RenderMessage(CultureInfo.InvariantCulture), e.RenderMessage(CultureInfo.InvariantCulture));
        Assert.Equal(sent.MessageTemplate.Text, e.MessageTemplate.Text);
        Assert.Equal(LogEventLevel.Warning, e.Level);
        Assert.Equal(sent.Timestamp, e.Timestamp);
        Assert.Equal("abc", ((ScalarValue)e.Properties["Key"]).Value);
        Assert.Equal(3L, ((ScalarValue)e.Properties["Epoch"]).Value);
        Assert.Equal(0.123456789, ((ScalarValue)e.Properties["Loss"]).Value);
        Assert.Equal(true, ((ScalarValue)e.Properties["Ok"]).Value);
    }

    [Fact]
    public void AnExceptionCrossesAsItsText()
    {
        Exception thrown;
        try { throw new InvalidOperationException("libtorch said no"); }
        catch (InvalidOperationException caught) { thrown = caught; }
        var sent = Logged(l => l.Error(thrown, "{Stage} failed", "s"));

        var e = WorkerProtocol.Parse(WorkerProtocol.Log(sent)).Event!;

        Assert.Equal(LogEventLevel.Error, e.Level);
        Assert.Equal(thrown.ToString(), e.Exception!.ToString());
        Assert.Equal("libtorch said no", e.Exception.Message.Split(": ", 2)[^1]);
    }

    [Fact]
    public void ProgressSkipAndFailureLinesCrossWithTheirText()
    {
        var progress = WorkerProtocol.Parse(WorkerProtocol.Progress(0.41999, "epoch 3/20 \"err\" 0.012"));
        Assert.Equal((WorkerMessageKind.Progress, 0.42, "epoch 3/20 \"err\" 0.012"), (progress.Kind, progress.Fraction, progress.Text));

        var done = WorkerProtocol.Parse(WorkerProtocol.Finished(5_123_456_789));
        Assert.Equal((WorkerMessageKind.Done, 5_123_456_789L), (done.Kind, done.WorkingSet));

        var skipped = WorkerProtocol.Parse(WorkerProtocol.Skip("data set cifar10 cannot be had here (no source)"));
        Assert.Equal((WorkerMessageKind.Skipped, "data set cifar10 cannot be had here (no source)"), (skipped.Kind, skipped.Text));

        var failed = WorkerProtocol.Parse(WorkerProtocol.Fail("train/x: boom\n  at the second line"));
        Assert.Equal((WorkerMessageKind.Failed, "train/x: boom\n  at the second line"), (failed.Kind, failed.Text));
    }

    [Theory]
    [InlineData("terminate called after throwing an instance of 'c10::Error'")]
    [InlineData("@@log not json")]
    [InlineData("@@unknown {}")]
    [InlineData("@@progress")]
    [InlineData("@@done {}")]
    [InlineData("@@run {\"kind\": \"train\", \"key\": \"0123456789abcdef\"}")]
    [InlineData("")]
    public void AnyOtherLineIsText(string line)
    {
        var got = WorkerProtocol.Parse(line);
        Assert.Equal((WorkerMessageKind.Text, line), (got.Kind, got.Text));
    }

    [Fact]
    public void ARequestCrossesWithItsKindAndKey()
    {
        var line = WorkerProtocol.Request("optimized-path", "0123456789abcdef");
        Assert.DoesNotContain('\n', line);
        Assert.Equal(new WorkerRequest("optimized-path", "0123456789abcdef"), WorkerProtocol.ParseRequest(line));
    }

    [Theory]
    [InlineData("@@run {}")]
    [InlineData("@@run {\"kind\": \"train\"}")]
    [InlineData("@@run not json")]
    [InlineData("@@log {\"kind\": \"train\", \"key\": \"0123456789abcdef\"}")]
    [InlineData("")]
    public void NothingElseIsARequest(string line) => Assert.Null(WorkerProtocol.ParseRequest(line));
}
