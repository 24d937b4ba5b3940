using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>One message as stored on a server; <see cref="Comparable"/> leaves out what a copy legitimately changes (the UID).</summary>
public sealed record StoredMessage(
    uint Uid, string? MessageId, string Sha256, long Size, ImapMessageFlags Flags, string Keywords, DateTimeOffset? InternalDate)
{
    public string Comparable => $"{Sha256} {Size} {Flags} [{Keywords}] {InternalDate?.ToUniversalTime():O}";
}
