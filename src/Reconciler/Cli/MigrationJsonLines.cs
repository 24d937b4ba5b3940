using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Reconciler.Migration;

namespace Reconciler.Cli;

/// <summary>
/// Progress for machines (output not a terminal): one JSON object per line, with an "event" name. Running
/// mailboxes report a "progress" line every second; the last line is the "report".
/// </summary>
public sealed class MigrationJsonLines : IMigrationObserver, IAsyncDisposable
{
    private readonly TextWriter _out;
    private readonly Lock _gate = new();
    private readonly List<(MailboxProgress Progress, Stopwatch Clock)> _running = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticker;

    public MigrationJsonLines(TextWriter output, TimeSpan interval)
    {
        _out = output;
        _ticker = TickAsync(interval, _stop.Token);
    }

    public void MailboxStarted(MailboxProgress mailbox)
    {
        lock (_gate)
        {
            _running.Add((mailbox, Stopwatch.StartNew()));
        }

        Emit("mailbox-started", w => w.WriteString("mailbox", mailbox.Name));
    }

    public void FolderPlanned(MailboxProgress mailbox, FolderPlan plan) => Emit("folder-planned", w =>
    {
        w.WriteString("mailbox", mailbox.Name);
        w.WritePropertyName("folder");
        MigrationReportJson.WritePlan(w, plan);
    });

    public void FolderCopied(MailboxProgress mailbox, FolderPlan plan) => Emit("folder-copied", w =>
    {
        w.WriteString("mailbox", mailbox.Name);
        w.WriteString("source", plan.SourceFolder);
        w.WriteString("destination", plan.DestinationFolder);
        w.WriteNumber("messages", plan.ToCopy);
    });

    public void MailboxRetrying(MailboxProgress mailbox, int nextAttempt, TimeSpan delay, string reason) => Emit("mailbox-retrying", w =>
    {
        w.WriteString("mailbox", mailbox.Name);
        w.WriteNumber("attempt", nextAttempt);
        w.WriteNumber("delaySeconds", Math.Round(delay.TotalSeconds, 3));
        w.WriteString("reason", reason);
    });

    public void MailboxFinished(MailboxProgress mailbox, MailboxResult result)
    {
        lock (_gate)
        {
            _running.RemoveAll(r => ReferenceEquals(r.Progress, mailbox));
        }

        Emit("mailbox-finished", w =>
        {
            w.WriteString("mailbox", result.Name);
            w.WriteString("status", MigrationReportJson.StatusText(result.Status));
            if (result.Reason is not null)
            {
                w.WriteString("reason", result.Reason);
            }

            w.WriteNumber("attempts", result.Attempts);
            w.WriteNumber("copiedMessages", result.CopiedMessages);
            w.WriteNumber("copiedBytes", result.CopiedBytes);
        });
    }

    public void Report(MigrationReport report) => Emit("report", w =>
    {
        w.WritePropertyName("report");
        MigrationReportJson.Write(w, report);
    });

    public void InvalidJob(IEnumerable<Reconciler.Schema.Validation.Diagnostic> diagnostics) => Emit("invalid-job", w =>
    {
        w.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            DiagnosticPrinter.Write(w, d);
        }

        w.WriteEndArray();
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _ticker;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task TickAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            (MailboxProgress Progress, Stopwatch Clock)[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            foreach (var (p, clock) in running)
            {
                if (p.Status is not (MailboxStatus.Running or MailboxStatus.Retrying))
                {
                    continue;
                }

                var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                Emit("progress", w =>
                {
                    w.WriteString("mailbox", p.Name);
                    if (p.CurrentFolder is { } folder)
                    {
                        w.WriteString("folder", folder);
                    }

                    w.WriteNumber("attempt", p.Attempt);
                    w.WriteNumber("messages", p.SentMessages);
                    w.WriteNumber("plannedMessages", p.PlannedMessages);
                    w.WriteNumber("bytes", p.SentBytes);
                    w.WriteNumber("plannedBytes", p.PlannedBytes);
                    w.WriteNumber("messagesPerSecond", Math.Round(p.SentMessages / seconds, 1));
                    w.WriteNumber("megabytesPerSecond", Math.Round(p.SentBytes / seconds / 1e6, 2));
                });
            }
        }
    }

    private void Emit(string name, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("event", name);
            body(w);
            w.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(stream.ToArray());
        lock (_gate)
        {
            _out.WriteLine(line);
            _out.Flush();
        }
    }
}
