using System.Text.Json;

namespace Reconciler.Migration;

/// <summary>The report as JSON (for --report files and the last JSON-lines event); the same shape in both.</summary>
public static class MigrationReportJson
{
    /// <summary>At most this many differing messages per folder are listed (the counts are always complete).</summary>
    public const int MaxListedDifferences = 100;

    public static void Write(Utf8JsonWriter w, MigrationReport report)
    {
        var seconds = Math.Max(report.Duration.TotalSeconds, 1e-9);
        w.WriteStartObject();
        if (report.JobName is not null)
        {
            w.WriteString("job", report.JobName);
        }

        w.WriteBoolean("dryRun", report.DryRun);
        w.WriteString("started", report.Started);
        w.WriteNumber("durationSeconds", Math.Round(report.Duration.TotalSeconds, 3));
        w.WriteNumber("exitCode", report.ExitCode);
        w.WriteNumber("succeeded", report.Succeeded);
        w.WriteNumber("failed", report.Failed);
        w.WriteNumber("copiedMessages", report.CopiedMessages);
        w.WriteNumber("copiedBytes", report.CopiedBytes);
        w.WriteNumber("messagesPerSecond", Math.Round(report.CopiedMessages / seconds, 1));
        w.WriteNumber("megabytesPerSecond", Math.Round(report.CopiedBytes / seconds / 1e6, 2));
        if (report.Usage is { } usage)
        {
            w.WriteNumber("cpuSeconds", Math.Round(usage.Cpu.TotalSeconds, 3));
            w.WriteNumber("peakMemoryBytes", usage.PeakMemoryBytes);
        }

        w.WriteStartArray("mailboxes");
        foreach (var m in report.Mailboxes)
        {
            WriteMailbox(w, m);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string ToJson(MigrationReport report, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, report);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteMailbox(Utf8JsonWriter w, MailboxResult m)
    {
        w.WriteStartObject();
        w.WriteString("name", m.Name);
        w.WriteString("status", StatusText(m.Status));
        if (m.Reason is not null)
        {
            w.WriteString("reason", m.Reason);
        }

        w.WriteNumber("attempts", m.Attempts);
        w.WriteNumber("copiedMessages", m.CopiedMessages);
        w.WriteNumber("copiedBytes", m.CopiedBytes);
        w.WriteNumber("durationSeconds", Math.Round(m.Duration.TotalSeconds, 3));
        w.WriteNumber("planSeconds", Math.Round(m.PlanTime.TotalSeconds, 3));
        w.WriteNumber("copySeconds", Math.Round(m.CopyTime.TotalSeconds, 3));
        w.WriteNumber("verifySeconds", Math.Round(m.VerifyTime.TotalSeconds, 3));
        w.WriteStartArray("folders");
        foreach (var f in m.Folders)
        {
            WritePlan(w, f);
        }

        w.WriteEndArray();
        w.WriteStartArray("skippedFolders");
        foreach (var s in m.SkippedFolders)
        {
            w.WriteStartObject();
            w.WriteString("source", s.SourcePath);
            w.WriteString("reason", s.SkipReason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rejectedMessages");
        foreach (var r in m.RejectedMessages.Take(MaxListedDifferences))
        {
            w.WriteStartObject();
            w.WriteString("source", r.SourceFolder);
            w.WriteString("destination", r.DestinationFolder);
            w.WriteNumber("uid", r.Uid);
            if (r.MessageId is not null)
            {
                w.WriteString("messageId", r.MessageId);
            }

            w.WriteNumber("size", r.Size);
            w.WriteString("reason", r.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("verification");
        foreach (var v in m.Verification)
        {
            w.WriteStartObject();
            w.WriteString("destination", v.DestinationFolder);
            w.WriteStartArray("sources");
            foreach (var s in v.SourceFolders)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteNumber("expected", v.Expected);
            w.WriteNumber("found", v.Found);
            w.WriteNumber("missing", v.Missing);
            w.WriteNumber("extra", v.Extra);
            w.WriteBoolean("matches", v.Matches);
            w.WriteStartArray("differences");
            foreach (var d in v.Differences.Take(MaxListedDifferences))
            {
                w.WriteStartObject();
                w.WriteString("message", d.Key.Id);
                w.WriteNumber("size", d.Key.Size);
                w.WriteNumber("expected", d.Expected);
                w.WriteNumber("found", d.Found);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WritePlan(Utf8JsonWriter w, FolderPlan f)
    {
        w.WriteStartObject();
        w.WriteString("source", f.SourceFolder);
        w.WriteString("destination", f.DestinationFolder);
        w.WriteNumber("sourceMessages", f.SourceMessages);
        w.WriteNumber("expected", f.Expected);
        w.WriteNumber("toCopy", f.ToCopy);
        w.WriteNumber("bytesToCopy", f.BytesToCopy);
        w.WriteNumber("alreadyCopied", f.AlreadyCopied);
        w.WriteNumber("alreadyInDestination", f.AlreadyInDestination);
        w.WriteNumber("skippedDeleted", f.SkippedDeleted);
        w.WriteNumber("skippedOutsideDates", f.SkippedOutsideDates);
        w.WriteNumber("skippedDuplicates", f.SkippedDuplicates);
        if (f.Note is not null)
        {
            w.WriteString("note", f.Note);
        }

        w.WriteEndObject();
    }

    public static string StatusText(MailboxStatus status) => status switch
    {
        MailboxStatus.VerificationFailed => "verification-failed",
        _ => status.ToString().ToLowerInvariant(),
    };
}
