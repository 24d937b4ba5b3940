using System.Security.Cryptography;
using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>SHA-256 of whole messages, streamed: the identity of messages that carry no Message-ID.</summary>
internal static class MessageHasher
{
    public static async Task<Dictionary<uint, string>> HashAsync(ImapClient client, IEnumerable<uint> uids, CancellationToken ct)
    {
        var result = new Dictionary<uint, string>();
        var set = UidSet.Of(uids);
        if (set.IsEmpty)
        {
            return result;
        }

        var buffer = new byte[64 * 1024];
        await client.UidFetchBodiesAsync(set, ImapFetchItems.None, async (body, token) =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int n;
            while ((n = await body.Content.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, n);
            }

            if (body.Uid != 0)
            {
                result[body.Uid] = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
            }
        }, ct).ConfigureAwait(false);
        return result;
    }
}
