using Reconciler.Migration;

namespace Reconciler.Cli;

/// <summary>The run's summary for people: a line per mailbox, verification differences, the dry-run listing, totals.</summary>
public static class MigrationReportPrinter
{
    private const int ListedDifferences = 20;

    public static void Print(TextWriter output, MigrationReport report)
    {
        if (report.DryRun)
        {
            PrintPlans(output, report);
        }

        var width = Math.Max(7, report.Mailboxes.Max(m => (int?)m.Name.Length) ?? 7);
        output.WriteLine();
        output.WriteLine($"{"mailbox".PadRight(width)}  {"status",-19}  {"messages",9}  {"size",10}  tries");
        foreach (var m in report.Mailboxes)
        {
            output.WriteLine($"{m.Name.PadRight(width)}  {MigrationReportJson.StatusText(m.Status),-19}  {m.CopiedMessages,9:N0}  {Size(m.CopiedBytes),10}  {m.Attempts}");
            if (m.Reason is not null)
            {
                output.WriteLine($"{"".PadRight(width)}  reason: {m.Reason}");
            }

            foreach (var r in m.RejectedMessages.Take(ListedDifferences))
            {
                output.WriteLine($"{"".PadRight(width)}    refused: '{r.SourceFolder}' UID {r.Uid} {r.MessageId} ({r.Size} bytes): {r.Reason}");
            }

            foreach (var v in m.Verification.Where(v => !v.Matches))
            {
                output.WriteLine($"{"".PadRight(width)}  '{v.DestinationFolder}' (from {string.Join(", ", v.SourceFolders.Select(s => $"'{s}'"))}): " +
                                 $"{v.Found} messages, expected {v.Expected}; {v.Missing} missing, {v.Extra} extra");
                foreach (var d in v.Differences.Take(ListedDifferences))
                {
                    var what = d.Missing > 0 ? $"missing {d.Missing}x" : $"{d.Extra}x too many";
                    output.WriteLine($"{"".PadRight(width)}    {what}: {d.Key.Id} ({d.Key.Size} bytes)");
                }

                if (v.Differences.Count > ListedDifferences)
                {
                    output.WriteLine($"{"".PadRight(width)}    … and {v.Differences.Count - ListedDifferences} more (see --report)");
                }
            }
        }

        var seconds = Math.Max(report.Duration.TotalSeconds, 1e-9);
        output.WriteLine();
        output.WriteLine(report.DryRun
            ? $"Dry run: {report.Mailboxes.Sum(m => m.Folders.Sum(f => f.ToCopy)):N0} messages ({Size(report.Mailboxes.Sum(m => m.Folders.Sum(f => f.BytesToCopy)))}) would be copied; nothing was changed."
            : $"{report.CopiedMessages:N0} messages ({Size(report.CopiedBytes)}) copied in {report.Duration.TotalSeconds:0.0} s: " +
              $"{report.CopiedMessages / seconds:N0} messages/s, {report.CopiedBytes / seconds / 1e6:0.0} MB/s.");
        output.WriteLine($"{report.Succeeded} of {report.Mailboxes.Count} mailboxes succeeded; exit code {report.ExitCode} ({Meaning(report.ExitCode)}).");
    }

    private static void PrintPlans(TextWriter output, MigrationReport report)
    {
        foreach (var m in report.Mailboxes)
        {
            output.WriteLine($"{m.Name}: would copy {m.Folders.Sum(f => f.ToCopy):N0} messages ({Size(m.Folders.Sum(f => f.BytesToCopy))}) from {m.Folders.Count} folders");
            foreach (var f in m.Folders)
            {
                var parts = new List<string> { $"{f.ToCopy:N0} to copy ({Size(f.BytesToCopy)})" };
                AddIf(parts, f.AlreadyCopied, "copied before");
                AddIf(parts, f.AlreadyInDestination, "already in the destination");
                AddIf(parts, f.SkippedDeleted, "\\Deleted skipped");
                AddIf(parts, f.SkippedOutsideDates, "outside the date range");
                AddIf(parts, f.SkippedDuplicates, "put there by an earlier folder");
                output.WriteLine($"  {f.SourceFolder} -> {f.DestinationFolder}: {string.Join("; ", parts)}{(f.DestinationExists ? "" : " [folder will be created]")}");
                if (f.Note is not null)
                {
                    output.WriteLine($"    note: {f.Note}");
                }
            }

            foreach (var s in m.SkippedFolders)
            {
                output.WriteLine($"  {s.SourcePath}: {s.SkipReason}");
            }
        }
    }

    private static void AddIf(List<string> parts, int count, string text)
    {
        if (count > 0)
        {
            parts.Add($"{count:N0} {text}");
        }
    }

    public static string Meaning(int exitCode) => exitCode switch
    {
        MigrationExitCodes.Ok => "all mailboxes done",
        MigrationExitCodes.Partial => "partial: some mailboxes failed",
        MigrationExitCodes.Failed => "every mailbox failed",
        MigrationExitCodes.Interrupted => "interrupted; rerun to resume",
        _ => "error",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / 1024.0 / 1024:0.0} MiB",
        _ => $"{bytes / 1024.0 / 1024 / 1024:0.00} GiB",
    };
}
