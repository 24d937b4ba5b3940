namespace Reconciler.Posture.Manifest;

/// <summary>
/// The manifest rules of <c>Reconciler.Schema</c> that are about mail posture, with the area and RFC section a
/// posture report shows for them. The schema rules stay the single place these checks are made; posture only adds
/// the references.
/// </summary>
public static class ManifestRuleReferences
{
    public static IReadOnlyList<ManifestRuleReference> All { get; } =
    [
        new("MAIL010", PostureArea.Spf, "RFC 7208 §4.6.4"),
        new("MAIL011", PostureArea.Dmarc, "RFC 7489 §6.3, §7.2"),
        new("MAIL012", PostureArea.Dmarc, "RFC 7489 §6.3, §6.6.4"),
        new("MAIL013", PostureArea.Dkim, "RFC 6376 §3.1, §5"),
        new("MAIL017", PostureArea.Mx, "RFC 7505 §3"),
        new("MAIL019", PostureArea.Mx, "RFC 5321 §5.1"),
        new("MAIL020", PostureArea.MtaSts, "RFC 8461 §4.1"),
        new("MAIL021", PostureArea.Dkim, "RFC 6376 §3.1"),
        new("MAIL022", PostureArea.Spf, "RFC 7208 §5.1"),
        new("MAIL023", PostureArea.Mx, "RFC 5321 §5.1"),
        new("MAIL024", PostureArea.Dkim, "RFC 6376 §3.1"),
    ];

    public static ManifestRuleReference? Find(string code)
    {
        foreach (var r in All)
        {
            if (r.Code == code)
            {
                return r;
            }
        }

        return null;
    }
}
