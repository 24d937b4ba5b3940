using System.Security.Cryptography;
using System.Text;
using Reconciler.Planning;

namespace Reconciler.Daemon;

/// <summary>
/// A short hash of what a manifest asks for, in canonical form: the daemon applies a domain when this differs from
/// what it last applied. Comments, layout and template reshuffles that change nothing live leave it the same.
/// </summary>
public static class DesiredFingerprint
{
    public static string Of(DesiredDomain desired)
    {
        var sb = new StringBuilder();
        var m = desired.Manifest;
        sb.Append("dns ").Append(m.Dns.Provider).Append(" mail ").Append(m.Mail.Parked ? "parked" : m.Mail.Provider).Append('\n');
        foreach (var set in desired.RecordSets)
        {
            sb.Append(set.ToPresentation()).Append('\n');
        }

        foreach (var u in desired.Unmanaged)
        {
            sb.Append("unmanaged ").Append(u).Append('\n');
        }

        if (desired.MailDomain is not null)
        {
            sb.Append("maildomain\n");
        }

        foreach (var b in desired.Mailboxes)
        {
            sb.Append(b.Id).Append(' ').Append(b.Describe()).Append('\n');
        }

        foreach (var r in desired.Routes)
        {
            sb.Append(r.Id).Append(' ').Append(string.Join(',', r.Targets)).Append('\n');
        }

        sb.Append("cutover ").Append(m.Policy.CutoverWaitsForTtl).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }
}
