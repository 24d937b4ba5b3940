using System.Security.Cryptography;
using System.Text;
using Reconciler.Dns;

namespace Reconciler.Planning;

/// <summary>
/// A short hash of a domain's live state in canonical form. The SOA is left out: its serial moves on every write
/// and some servers rewrite it on their own, without anything a plan depends on changing.
/// </summary>
public static class LiveFingerprint
{
    public static string Of(LiveDomain live)
    {
        // Hashed as it is walked, from each record's canonical octets (what record equality compares): a plan reads
        // thousands of zones, and printing every record first was a noticeable share of its CPU.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (live.Zone is { } zone)
        {
            Add(hash, "zone " + zone.Origin);
            foreach (var set in zone.RecordSets.Where(s => s.Type != RecordType.SOA).OrderBy(s => s.Name).ThenBy(s => s.Type))
            {
                Add(hash, $"{set.Name} {set.Type} {set.Ttl}");
                foreach (var data in set.Records)
                {
                    Add(hash, data.CanonicalOctets);
                }
            }
        }

        if (live.Mail is { } mail)
        {
            Add(hash, "mail " + mail.Domain);
            foreach (var m in mail.Mailboxes.OrderBy(m => m.Address, StringComparer.Ordinal))
            {
                Add(hash, m.Id + " " + m.Describe());
            }

            foreach (var r in mail.Routes.OrderBy(r => r.Address, StringComparer.Ordinal))
            {
                Add(hash, r.Address + " " + string.Join(',', r.Targets));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static void Add(IncrementalHash hash, string text) => Add(hash, Encoding.UTF8.GetBytes(text));

    /// <summary>Length first, so no two different sequences of parts hash the same bytes.</summary>
    private static void Add(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
