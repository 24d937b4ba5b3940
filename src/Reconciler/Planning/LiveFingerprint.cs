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
        var sb = new StringBuilder();
        if (live.Zone is { } zone)
        {
            sb.Append("zone ").Append(zone.Origin).Append('\n');
            foreach (var set in zone.RecordSets.Where(s => s.Type != RecordType.SOA).OrderBy(s => s.Name).ThenBy(s => s.Type))
            {
                sb.Append(set.ToPresentation()).Append('\n');
            }
        }

        if (live.Mail is { } mail)
        {
            sb.Append("mail ").Append(mail.Domain).Append('\n');
            foreach (var m in mail.Mailboxes.OrderBy(m => m.Address, StringComparer.Ordinal))
            {
                sb.Append(m.Id).Append(' ').Append(m.Describe()).Append('\n');
            }

            foreach (var r in mail.Routes.OrderBy(r => r.Address, StringComparer.Ordinal))
            {
                sb.Append(r.Address).Append(' ').Append(string.Join(',', r.Targets)).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
