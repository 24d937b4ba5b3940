using System.Security.Cryptography;
using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>
/// Everything that must survive a migration, per folder: the exact bytes (SHA-256), flags, keywords and internal
/// date of every message. Read independently of the code under test.
/// </summary>
public sealed record MailboxSnapshot(IReadOnlyDictionary<string, IReadOnlyList<StoredMessage>> Folders)
{
    public static async Task<MailboxSnapshot> TakeAsync(ImapClient client)
    {
        var folders = new Dictionary<string, IReadOnlyList<StoredMessage>>(StringComparer.Ordinal);
        foreach (var folder in await client.ListAsync())
        {
            if (!folder.IsSelectable)
            {
                continue;
            }

            var box = await client.ExamineAsync(folder.Name);
            var messages = new List<StoredMessage>();
            if (box.Exists > 0)
            {
                var hashes = new Dictionary<uint, string>();
                var summaries = await client.UidFetchBodiesAsync(UidSet.Range(1, uint.MaxValue),
                    ImapFetchItems.Metadata | ImapFetchItems.MessageId, async (body, ct) =>
                    {
                        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                        var buffer = new byte[64 * 1024];
                        int n;
                        while ((n = await body.Content.ReadAsync(buffer, ct)) > 0)
                        {
                            sha.AppendData(buffer, 0, n);
                        }

                        hashes[body.Uid] = Convert.ToHexStringLower(sha.GetHashAndReset());
                    });
                messages.AddRange(summaries.Select(s => new StoredMessage(
                    s.Uid,
                    s.MessageId,
                    hashes[s.Uid],
                    s.Size ?? -1,
                    (s.Flags ?? ImapMessageFlags.None) & ~ImapMessageFlags.Recent,
                    string.Join(' ', s.Keywords.Order(StringComparer.Ordinal)),
                    s.InternalDate)));
            }

            folders[folder.Name] = messages;
        }

        return new MailboxSnapshot(folders);
    }

    public int Count(string folder) => Folders.TryGetValue(folder, out var m) ? m.Count : 0;
}
