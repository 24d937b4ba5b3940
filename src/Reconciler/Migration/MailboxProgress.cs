namespace Reconciler.Migration;

/// <summary>
/// Live counters of one mailbox, updated by the copy and read by progress displays from any thread.
/// "Copied" counts messages the destination confirmed; "sent" adds those on the wire awaiting confirmation.
/// </summary>
public sealed class MailboxProgress
{
    private long _plannedMessages;
    private long _plannedBytes;
    private long _copiedMessages;
    private long _copiedBytes;
    private long _sentMessages;
    private long _sentBytes;
    private int _status;
    private int _attempt;
    private string? _folder;
    private long _planTicks;
    private long _copyTicks;
    private long _verifyTicks;

    public MailboxProgress(string name) => Name = name;

    public string Name { get; }

    public MailboxStatus Status => (MailboxStatus)Volatile.Read(ref _status);

    public int Attempt => Volatile.Read(ref _attempt);

    public string? CurrentFolder => Volatile.Read(ref _folder);

    public long PlannedMessages => Interlocked.Read(ref _plannedMessages);

    public long PlannedBytes => Interlocked.Read(ref _plannedBytes);

    public long CopiedMessages => Interlocked.Read(ref _copiedMessages);

    public long CopiedBytes => Interlocked.Read(ref _copiedBytes);

    /// <summary>Copied plus in flight: what a progress bar shows.</summary>
    public long SentMessages => Interlocked.Read(ref _copiedMessages) + Interlocked.Read(ref _sentMessages);

    public long SentBytes => Interlocked.Read(ref _copiedBytes) + Interlocked.Read(ref _sentBytes);

    public TimeSpan PlanTime => TimeSpan.FromTicks(Interlocked.Read(ref _planTicks));

    public TimeSpan CopyTime => TimeSpan.FromTicks(Interlocked.Read(ref _copyTicks));

    public TimeSpan VerifyTime => TimeSpan.FromTicks(Interlocked.Read(ref _verifyTicks));

    internal void AddPlanTime(TimeSpan t) => Interlocked.Add(ref _planTicks, t.Ticks);

    internal void AddCopyTime(TimeSpan t) => Interlocked.Add(ref _copyTicks, t.Ticks);

    internal void AddVerifyTime(TimeSpan t) => Interlocked.Add(ref _verifyTicks, t.Ticks);

    internal void SetStatus(MailboxStatus status) => Volatile.Write(ref _status, (int)status);

    internal void BeginAttempt(int attempt)
    {
        Volatile.Write(ref _attempt, attempt);
        Interlocked.Exchange(ref _sentMessages, 0);
        Interlocked.Exchange(ref _sentBytes, 0);
        SetStatus(MailboxStatus.Running);
    }

    /// <summary>After planning: what this attempt will copy, on top of what earlier attempts of this run copied.</summary>
    internal void SetPlanned(long messages, long bytes)
    {
        Interlocked.Exchange(ref _plannedMessages, CopiedMessages + messages);
        Interlocked.Exchange(ref _plannedBytes, CopiedBytes + bytes);
    }

    internal void SetFolder(string? folder) => Volatile.Write(ref _folder, folder);

    internal void Sent(long bytes)
    {
        Interlocked.Increment(ref _sentMessages);
        Interlocked.Add(ref _sentBytes, bytes);
    }

    /// <summary>Sent messages that will not be stored (their batch was refused and is sent again).</summary>
    internal void Discard(long messages, long bytes)
    {
        Interlocked.Add(ref _sentMessages, -messages);
        Interlocked.Add(ref _sentBytes, -bytes);
    }

    internal void Confirmed(long messages, long bytes)
    {
        Interlocked.Add(ref _sentMessages, -messages);
        Interlocked.Add(ref _sentBytes, -bytes);
        Interlocked.Add(ref _copiedMessages, messages);
        Interlocked.Add(ref _copiedBytes, bytes);
    }
}
