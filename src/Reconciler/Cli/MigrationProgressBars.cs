using System.Collections.Concurrent;
using System.Diagnostics;
using Reconciler.Migration;
using Spectre.Console;

namespace Reconciler.Cli;

/// <summary>
/// Progress for people (output is a terminal): one bar per mailbox with messages/s and MB/s, and a total. Retries
/// and failures show in the mailbox's line; the full story comes in the summary afterwards.
/// </summary>
public sealed class MigrationProgressBars : IMigrationObserver
{
    private readonly IAnsiConsole _console;
    private readonly ConcurrentDictionary<MailboxProgress, Line> _lines = new();
    private readonly ConcurrentQueue<MailboxProgress> _started = new();

    public MigrationProgressBars(TextWriter output)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = InteractionSupport.Yes,
        });
    }

    public void MailboxStarted(MailboxProgress mailbox)
    {
        _lines[mailbox] = new Line(Stopwatch.StartNew());
        _started.Enqueue(mailbox);
    }

    public void FolderPlanned(MailboxProgress mailbox, FolderPlan plan)
    {
    }

    public void FolderCopied(MailboxProgress mailbox, FolderPlan plan)
    {
    }

    public void MailboxRetrying(MailboxProgress mailbox, int nextAttempt, TimeSpan delay, string reason)
    {
        if (_lines.TryGetValue(mailbox, out var line))
        {
            line.Note = $"retry {nextAttempt} in {delay.TotalSeconds:0.#} s: {reason}";
        }
    }

    public void MailboxFinished(MailboxProgress mailbox, MailboxResult result)
    {
        if (_lines.TryGetValue(mailbox, out var line))
        {
            line.Clock.Stop();
            line.Note = result.IsSuccess ? null : result.Reason;
        }
    }

    /// <summary>Shows the bars while <paramref name="run"/> works, refreshed a few times a second.</summary>
    public async Task<MigrationReport> ShowAsync(Func<Task<MigrationReport>> run)
    {
        MigrationReport? report = null;
        var total = Stopwatch.StartNew();
        await _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                var tasks = new Dictionary<MailboxProgress, ProgressTask>();
                var totalTask = ctx.AddTask("total", maxValue: 1);
                var running = run();
                while (true)
                {
                    var finished = await Task.WhenAny(running, Task.Delay(250)) == running;
                    while (_started.TryDequeue(out var p))
                    {
                        tasks[p] = ctx.AddTask(Markup.Escape(p.Name), maxValue: 1);
                    }

                    long sent = 0, planned = 0, bytes = 0;
                    foreach (var (p, task) in tasks)
                    {
                        var line = _lines[p];
                        sent += p.SentMessages;
                        planned += p.PlannedMessages;
                        bytes += p.SentBytes;
                        task.MaxValue = Math.Max(1, p.PlannedMessages);
                        task.Value = Math.Min(task.MaxValue, p.SentMessages);
                        task.Description = Describe(p.Name, p, line.Clock.Elapsed, line.Note);
                        if (p.Status is MailboxStatus.Succeeded or MailboxStatus.Planned)
                        {
                            task.Value = task.MaxValue;
                        }
                    }

                    totalTask.MaxValue = Math.Max(1, planned);
                    totalTask.Value = Math.Min(totalTask.MaxValue, sent);
                    totalTask.Description = $"[bold]total[/] {sent:N0}/{planned:N0} msgs  {Rate(sent, bytes, total.Elapsed)}";
                    if (finished)
                    {
                        report = await running;
                        totalTask.Value = totalTask.MaxValue;
                        return;
                    }
                }
            });
        return report!;
    }

    private static string Describe(string name, MailboxProgress p, TimeSpan elapsed, string? note)
    {
        var state = p.Status switch
        {
            MailboxStatus.Failed => "[red]failed[/]",
            MailboxStatus.VerificationFailed => "[red]differs[/]",
            MailboxStatus.Interrupted => "[yellow]interrupted[/]",
            MailboxStatus.Retrying => "[yellow]retrying[/]",
            MailboxStatus.Succeeded or MailboxStatus.Planned => "[green]done[/]",
            _ => p.CurrentFolder is { } f ? Markup.Escape(f) : "",
        };
        var text = $"{Markup.Escape(name)} {state} {p.SentMessages:N0}/{p.PlannedMessages:N0} msgs  {Rate(p.SentMessages, p.SentBytes, elapsed)}";
        if (note is not null)
        {
            text += " [grey]" + Markup.Escape(note.Length > 80 ? note[..80] + "…" : note) + "[/]";
        }

        return text;
    }

    private static string Rate(long messages, long bytes, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        return $"{messages / seconds:N0} msg/s  {bytes / seconds / 1e6:0.0} MB/s";
    }

    private sealed class Line(Stopwatch clock)
    {
        public Stopwatch Clock { get; } = clock;

        public volatile string? Note;
    }
}
