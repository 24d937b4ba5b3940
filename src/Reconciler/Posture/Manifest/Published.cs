using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Posture.Manifest;

/// <summary>
/// The records a manifest would publish, by absolute name: <c>dns.records</c> and what the mail section generates,
/// each remembering the manifest entry it comes from. Names or types that do not parse are left out (DNS004 reports
/// them).
/// </summary>
internal sealed class Published
{
    private readonly HashSet<(DnsName, string)> _present = [];
    private readonly IReadOnlyList<string> _unmanaged;

    private Published(DnsName apex, IReadOnlyList<string> unmanaged)
    {
        Apex = apex;
        Dmarc = DnsName.Parse("_dmarc", apex);
        MtaSts = DnsName.Parse("_mta-sts", apex);
        TlsRpt = DnsName.Parse("_smtp._tls", apex);
        _unmanaged = unmanaged;
    }

    /// <summary>One value of a record set and where it was written.</summary>
    public sealed record Entry(string Value, RecordSpec Spec, SourcePosition Position);

    public DnsName Apex { get; }

    public DnsName Dmarc { get; }

    public DnsName MtaSts { get; }

    public DnsName TlsRpt { get; }

    public Dictionary<DnsName, List<Entry>> Txt { get; } = [];

    public Dictionary<DnsName, List<Entry>> Mx { get; } = [];

    /// <summary>The apex has MX records and all of them are the null MX (RFC 7505).</summary>
    public bool AcceptsNoMail =>
        Mx.TryGetValue(Apex, out var mx) && mx.Count > 0 && mx.All(e => ParseMx(e.Value, Apex) is { Exchange.IsRoot: true });

    public static Published? Of(DomainManifest manifest)
    {
        if (!DnsName.TryParse(manifest.Domain + ".", null, out var apex))
        {
            return null;
        }

        var unmanaged = manifest.Dns.Unmanaged
            .Concat(manifest.Mail.Dkim.Where(k => k.GeneratedByProvider).Select(k => $"{k.Selector}._domainkey"))
            .ToList();
        var zone = new Published(apex, unmanaged);
        foreach (var spec in manifest.Dns.Records.Concat(MailDnsRecords.For(manifest)))
        {
            if (!DnsName.TryParse(spec.Name, apex, out var name))
            {
                continue;
            }

            var type = spec.Type.ToUpperInvariant();
            zone._present.Add((name, type));
            var target = type switch
            {
                "TXT" => zone.Txt,
                "MX" => zone.Mx,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            if (!target.TryGetValue(name, out var list))
            {
                list = [];
                target[name] = list;
            }

            for (var i = 0; i < spec.Values.Count; i++)
            {
                list.Add(new Entry(spec.Values[i], spec, PositionOf(manifest, spec, i)));
            }
        }

        return zone;
    }

    public IReadOnlyList<Entry> TxtAt(DnsName name) => Txt.TryGetValue(name, out var list) ? list : [];

    public bool Has(DnsName name, string type) => _present.Contains((name, type));

    public bool IsUnmanaged(DnsName name)
    {
        var relative = name.RelativeTo(Apex);
        return _unmanaged.Any(p => NamePattern.Matches(p, relative));
    }

    public static MxData? ParseMx(string value, DnsName origin)
    {
        try
        {
            return MxData.Parse(value, origin);
        }
        catch (DnsFormatException)
        {
            return null;
        }
    }

    /// <summary>mail.mx generates one record set for all hosts; each value points back at its own host entry.</summary>
    private static SourcePosition PositionOf(DomainManifest manifest, RecordSpec spec, int index) =>
        spec.Origin == "mail.mx" && index < manifest.Mail.Mx.Count ? manifest.Mail.Mx[index].Position : spec.Position;
}
