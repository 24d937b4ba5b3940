using System.Collections.Frozen;

namespace Reconciler.Migration.Imap;

/// <summary>What the server advertised (greeting, CAPABILITY, or an OK [CAPABILITY ...] code). Names are case-insensitive.</summary>
public sealed class ImapCapabilities
{
    private readonly FrozenSet<string> _names;

    public ImapCapabilities(IEnumerable<string> names)
    {
        _names = names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        LiteralPlus = Has("LITERAL+");
        LiteralMinus = Has("LITERAL-");
        SaslInitialResponse = Has("SASL-IR");
        MultiAppend = Has("MULTIAPPEND");
        UidPlus = Has("UIDPLUS");
        ESearch = Has("ESEARCH");
        StartTls = Has("STARTTLS");
        LoginDisabled = Has("LOGINDISABLED");
        SpecialUse = Has("SPECIAL-USE");
        AuthenticationMechanisms = _names
            .Where(n => n.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase))
            .Select(n => n[5..].ToUpperInvariant())
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public static ImapCapabilities None { get; } = new([]);

    public IReadOnlySet<string> Names => _names;

    public IReadOnlySet<string> AuthenticationMechanisms { get; }

    /// <summary>RFC 7888 non-synchronizing literals of any size: APPEND without waiting for "+".</summary>
    public bool LiteralPlus { get; }

    /// <summary>RFC 7888 non-synchronizing literals up to 4096 bytes.</summary>
    public bool LiteralMinus { get; }

    public bool SaslInitialResponse { get; }

    public bool MultiAppend { get; }

    public bool UidPlus { get; }

    public bool ESearch { get; }

    public bool StartTls { get; }

    public bool LoginDisabled { get; }

    public bool SpecialUse { get; }

    public bool IsImap4Rev2 => Has("IMAP4rev2");

    public bool Has(string name) => _names.Contains(name);

    public override string ToString() => string.Join(' ', _names.Order(StringComparer.OrdinalIgnoreCase));
}
