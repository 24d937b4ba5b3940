namespace Reconciler.Posture.Spf;

/// <summary>A syntactically valid SPF record (RFC 7208 §4.6, §12), term by term.</summary>
public sealed record SpfRecord(string Text, IReadOnlyList<SpfTerm> Terms)
{
    public IReadOnlyList<SpfMechanism> Mechanisms => Terms.OfType<SpfMechanism>().ToList();

    public SpfModifier? Redirect => Terms.OfType<SpfModifier>().FirstOrDefault(m => m.IsRedirect);

    public SpfModifier? Explanation => Terms.OfType<SpfModifier>().FirstOrDefault(m => m.IsExplanation);

    /// <summary>Modifiers other than redirect and exp; check_host() ignores them (RFC 7208 §6).</summary>
    public IReadOnlyList<SpfModifier> UnknownModifiers =>
        Terms.OfType<SpfModifier>().Where(m => !m.IsRedirect && !m.IsExplanation).ToList();

    /// <summary>The first "all" mechanism, if any; with one present, redirect is never used (RFC 7208 §6.1).</summary>
    public SpfMechanism? All => Mechanisms.FirstOrDefault(m => m.Kind == SpfMechanismKind.All);

    /// <summary>Terms that cost one of the 10 DNS lookups (include, a, mx, ptr, exists, redirect; RFC 7208
    /// §4.6.4), counted as written.</summary>
    public int DnsTermCount => Mechanisms.Count(m => m.QueriesDns) + (Redirect is null ? 0 : 1);

    /// <summary>Parses one record. A record that does not start with "v=spf1" is an error too.</summary>
    public static SpfParseResult Parse(string text)
    {
        try
        {
            return new SpfParseResult(SpfRecordParser.Parse(text), null);
        }
        catch (SpfSyntaxException e)
        {
            return new SpfParseResult(null, e.Message);
        }
    }

    /// <summary>True when the TXT string is an SPF version 1 record: exactly "v=spf1" or "v=spf1 ..." in any case
    /// (RFC 7208 §4.5). Other TXT records at the name are not SPF's business.</summary>
    public static bool IsSpfRecord(string txt) =>
        txt.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (txt.Length == 6 || txt[6] == ' ');

    public override string ToString() => Text;
}
