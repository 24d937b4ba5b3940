using System.Globalization;
using System.Text;

namespace Reconciler.Schema.Model;

/// <summary>
/// The DNS records a domain's mail section stands for: MX, the SPF TXT, DKIM keys, DMARC, MTA-STS and TLS-RPT.
/// These join <c>dns.records</c> in the desired zone; a record there at the same place is a conflict.
/// </summary>
public static class MailDnsRecords
{
    public const string SpfPrefix = "v=spf1";

    public static IReadOnlyList<RecordSpec> For(DomainManifest domain)
    {
        var mail = domain.Mail;
        var records = new List<RecordSpec>();
        if (mail.Parked)
        {
            // RFC 7505 null MX, no authorized senders, and receivers told to reject: a domain that can't be spoofed.
            records.Add(new RecordSpec("@", "MX", null, ["0 ."], "mail.parked", SourceOf(domain)));
            records.Add(new RecordSpec("@", "TXT", null, ["v=spf1 -all"], "mail.parked", SourceOf(domain)));
            records.Add(new RecordSpec("_dmarc", "TXT", null, ["v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s"], "mail.parked", SourceOf(domain)));
            records.Add(new RecordSpec("*._domainkey", "TXT", null, ["v=DKIM1; p="], "mail.parked", SourceOf(domain)));
            return records;
        }

        if (mail.Mx.Count > 0)
        {
            records.Add(new RecordSpec(
                "@",
                "MX",
                null,
                mail.Mx.Select(m => $"{m.Preference} {Absolute(m.Host, domain.Domain)}").ToList(),
                "mail.mx",
                mail.Mx[0].Position));
        }

        if (mail.Spf is { } spf)
        {
            records.Add(new RecordSpec("@", "TXT", null, [SpfText(spf)], "mail.spf", spf.Position));
        }

        foreach (var key in mail.Dkim)
        {
            if (!key.GeneratedByProvider && key.PublicKey is not null)
            {
                records.Add(new RecordSpec($"{key.Selector}._domainkey", "TXT", null, [DkimText(key)], "mail.dkim", key.Position));
            }
        }

        if (mail.Dmarc is { } dmarc)
        {
            records.Add(new RecordSpec("_dmarc", "TXT", null, [DmarcText(dmarc)], "mail.dmarc", dmarc.Position));
        }

        if (mail.MtaSts is { } sts)
        {
            records.Add(new RecordSpec("_mta-sts", "TXT", null, [$"v=STSv1; id={sts.Id}"], "mail.mtaSts", sts.Position));
        }

        if (mail.TlsRpt is { } rpt)
        {
            records.Add(new RecordSpec("_smtp._tls", "TXT", null, ["v=TLSRPTv1; rua=" + string.Join(',', rpt.Rua)], "mail.tlsRpt", rpt.Position));
        }

        return records;
    }

    /// <summary>Names under which DNS records belong to the mail section (relative, lower case).</summary>
    public static bool IsMailOwned(string relativeName, string type, string? firstValue)
    {
        var name = relativeName.ToLowerInvariant();
        return (name, type) switch
        {
            ("@", "MX") => true,
            ("@", "TXT") => firstValue is not null && firstValue.StartsWith(SpfPrefix, StringComparison.OrdinalIgnoreCase),
            ("_dmarc", _) or ("_mta-sts", _) or ("_smtp._tls", _) => true,
            _ => name.EndsWith("._domainkey", StringComparison.Ordinal),
        };
    }

    public static string SpfText(SpfPolicy spf)
    {
        // Mechanisms that need no DNS lookup first: receivers stop at the first match.
        var sb = new StringBuilder(SpfPrefix);
        foreach (var ip in spf.Ip4)
        {
            sb.Append(" ip4:").Append(ip);
        }

        foreach (var ip in spf.Ip6)
        {
            sb.Append(" ip6:").Append(ip);
        }

        if (spf.A)
        {
            sb.Append(" a");
        }

        if (spf.Mx)
        {
            sb.Append(" mx");
        }

        foreach (var include in spf.Include)
        {
            sb.Append(" include:").Append(include.TrimEnd('.'));
        }

        foreach (var exists in spf.Exists)
        {
            sb.Append(" exists:").Append(exists);
        }

        if (spf.Redirect is { } redirect)
        {
            sb.Append(" redirect=").Append(redirect.TrimEnd('.'));
        }
        else
        {
            sb.Append(' ').Append(spf.All switch
            {
                SpfAll.Fail => "-all",
                SpfAll.Neutral => "?all",
                SpfAll.Pass => "+all",
                _ => "~all",
            });
        }

        return sb.ToString();
    }

    public static string DkimText(DkimSelector key)
    {
        var sb = new StringBuilder("v=DKIM1; k=").Append(key.Type == DkimKeyType.Ed25519 ? "ed25519" : "rsa");
        if (key.Testing)
        {
            sb.Append("; t=y");
        }

        return sb.Append("; p=").Append(key.PublicKey).ToString();
    }

    public static string DmarcText(DmarcPolicy d)
    {
        var sb = new StringBuilder("v=DMARC1; p=").Append(Disposition(d.P));
        if (d.Sp is { } sp)
        {
            sb.Append("; sp=").Append(Disposition(sp));
        }

        if (d.Pct is { } pct)
        {
            sb.Append("; pct=").Append(pct.ToString(CultureInfo.InvariantCulture));
        }

        if (d.Rua.Count > 0)
        {
            sb.Append("; rua=").Append(string.Join(',', d.Rua));
        }

        if (d.Ruf.Count > 0)
        {
            sb.Append("; ruf=").Append(string.Join(',', d.Ruf));
        }

        if (d.Adkim is { } adkim)
        {
            sb.Append("; adkim=").Append(adkim);
        }

        if (d.Aspf is { } aspf)
        {
            sb.Append("; aspf=").Append(aspf);
        }

        if (d.Fo is { } fo)
        {
            sb.Append("; fo=").Append(fo);
        }

        if (d.Ri is { } ri)
        {
            sb.Append("; ri=").Append(ri.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string Disposition(DmarcDisposition d) => d switch
    {
        DmarcDisposition.Quarantine => "quarantine",
        DmarcDisposition.Reject => "reject",
        _ => "none",
    };

    private static string Absolute(string host, string domain) =>
        host.EndsWith('.') ? host : host.Contains('.', StringComparison.Ordinal) ? host + "." : $"{host}.{domain}.";

    private static Loading.SourcePosition SourceOf(DomainManifest domain) => domain.Position;
}
