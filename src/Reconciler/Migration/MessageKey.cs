namespace Reconciler.Migration;

/// <summary>
/// What makes two stored messages "the same" across servers: the Message-ID (or, for messages without one,
/// <c>sha256:</c> of the exact bytes) plus the size. Used for de-duplication and verification.
/// </summary>
public readonly record struct MessageKey(string Id, long Size)
{
    public override string ToString() => $"{Id} ({Size} bytes)";
}
