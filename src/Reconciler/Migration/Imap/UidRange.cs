namespace Reconciler.Migration.Imap;

/// <summary>An inclusive range of message UIDs; <see cref="Start"/> ≤ <see cref="End"/>.</summary>
public readonly record struct UidRange(uint Start, uint End)
{
    public long Count => (long)End - Start + 1;

    public override string ToString() => Start == End ? Start.ToString() : $"{Start}:{End}";
}
