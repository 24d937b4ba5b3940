using Reconciler.Posture.Manifest;

namespace Reconciler.Posture;

/// <summary>Which area a finding belongs to, and how areas are named for people.</summary>
public static class PostureAreas
{
    public static IReadOnlyList<PostureArea> All { get; } =
        [PostureArea.Spf, PostureArea.Dkim, PostureArea.Dmarc, PostureArea.Mx, PostureArea.MtaSts, PostureArea.TlsRpt];

    /// <summary>The area of a posture code, from its letters (SPF003 → Spf, MTASTS010 → MtaSts). Codes of the
    /// manifest rules (MAIL…) are mapped by <see cref="ManifestRuleReferences"/>.</summary>
    public static PostureArea? Of(string code)
    {
        var letters = code.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return letters switch
        {
            "SPF" => PostureArea.Spf,
            "DKIM" => PostureArea.Dkim,
            "DMARC" => PostureArea.Dmarc,
            "MX" => PostureArea.Mx,
            "MTASTS" => PostureArea.MtaSts,
            "TLSRPT" => PostureArea.TlsRpt,
            _ => ManifestRuleReferences.Find(code)?.Area,
        };
    }

    public static string Name(PostureArea area) => area switch
    {
        PostureArea.Spf => "SPF",
        PostureArea.Dkim => "DKIM",
        PostureArea.Dmarc => "DMARC",
        PostureArea.Mx => "MX",
        PostureArea.MtaSts => "MTA-STS",
        _ => "TLS-RPT",
    };
}
