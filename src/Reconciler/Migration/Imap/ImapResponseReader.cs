using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>Grammar pieces shared by the response handlers, built on the tokenizer.</summary>
internal static class ImapResponseReader
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask ExpectAsync(ImapTokenizer tok, ImapTokenKind kind, string where, CancellationToken ct)
    {
        var got = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (got != kind)
        {
            throw Unexpected(tok, got, $"{kind} {where}");
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<uint> ReadNumberAsync(ImapTokenizer tok, string where, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind != ImapTokenKind.Atom || !TryParseNumber(tok.Value, out uint value))
        {
            throw Unexpected(tok, kind, $"a number {where}");
        }

        return value;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ulong> ReadBigNumberAsync(ImapTokenizer tok, string where, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind != ImapTokenKind.Atom || !Utf8Parser.TryParse(tok.Value, out ulong value, out var used) ||
            used != tok.Value.Length)
        {
            throw Unexpected(tok, kind, $"a number {where}");
        }

        return value;
    }

    public static bool TryParseNumber(ReadOnlySpan<byte> text, out uint value) =>
        Utf8Parser.TryParse(text, out value, out var used) && used == text.Length && text.Length > 0;

    /// <summary>A string-ish value: atom, quoted, literal (read whole, small) or NIL (null).</summary>
    public static async ValueTask<string?> ReadStringAsync(ImapTokenizer tok, bool astring, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct, astring).ConfigureAwait(false);
        switch (kind)
        {
            case ImapTokenKind.Atom:
            case ImapTokenKind.QuotedString:
                return tok.ValueAsString();
            case ImapTokenKind.Literal:
                var bytes = await tok.ReadLiteralBytesAsync(ImapTokenizer.MaxTokenLength, ct).ConfigureAwait(false);
                return Encoding.UTF8.GetString(bytes);
            case ImapTokenKind.Nil:
                return null;
            default:
                throw Unexpected(tok, kind, "a string");
        }
    }

    /// <summary>A parenthesized flag list; the "(" has not been read yet.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<ImapParsedFlags> ReadFlagListAsync(ImapTokenizer tok, CancellationToken ct)
    {
        await ExpectAsync(tok, ImapTokenKind.OpenParen, "before a flag list", ct).ConfigureAwait(false);
        var system = ImapMessageFlags.None;
        List<string>? keywords = null;
        var wildcard = false;
        while (true)
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == ImapTokenKind.CloseParen)
            {
                break;
            }

            if (kind != ImapTokenKind.Atom)
            {
                throw Unexpected(tok, kind, "a flag");
            }

            var flag = SystemFlag(tok.Value);
            if (flag != ImapMessageFlags.None)
            {
                system |= flag;
            }
            else if (tok.Value.SequenceEqual("\\*"u8))
            {
                wildcard = true;
            }
            else
            {
                (keywords ??= []).Add(tok.ValueAsString());
            }
        }

        return new ImapParsedFlags(system, keywords ?? (IReadOnlyList<string>)[], wildcard);
    }

    public static ImapMessageFlags SystemFlag(ReadOnlySpan<byte> atom)
    {
        if (atom.Length < 5 || atom[0] != (byte)'\\')
        {
            return ImapMessageFlags.None;
        }

        var name = atom[1..];
        if (Ascii.EqualsIgnoreCase(name, "SEEN"u8))
        {
            return ImapMessageFlags.Seen;
        }

        if (Ascii.EqualsIgnoreCase(name, "ANSWERED"u8))
        {
            return ImapMessageFlags.Answered;
        }

        if (Ascii.EqualsIgnoreCase(name, "FLAGGED"u8))
        {
            return ImapMessageFlags.Flagged;
        }

        if (Ascii.EqualsIgnoreCase(name, "DELETED"u8))
        {
            return ImapMessageFlags.Deleted;
        }

        if (Ascii.EqualsIgnoreCase(name, "DRAFT"u8))
        {
            return ImapMessageFlags.Draft;
        }

        return Ascii.EqualsIgnoreCase(name, "RECENT"u8) ? ImapMessageFlags.Recent : ImapMessageFlags.None;
    }

    /// <summary>
    /// After a status word: optional <c>[code]</c>, then free text to the end of the line. Text is only turned into a
    /// string when <paramref name="captureText"/> (NO/BAD/BYE), keeping OK answers allocation-free.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(ImapResponseCode? Code, string? Text)> ReadStatusTailAsync(
        ImapTokenizer tok, bool captureText, CancellationToken ct)
    {
        ImapResponseCode? code = null;
        if (await tok.PeekAsync(ct).ConfigureAwait(false) == (byte)'[')
        {
            await ExpectAsync(tok, ImapTokenKind.OpenBracket, "opening a response code", ct).ConfigureAwait(false);
            code = await ReadResponseCodeAsync(tok, ct).ConfigureAwait(false);
        }

        var text = await tok.ReadTextAsync(captureText, ct).ConfigureAwait(false);
        return (code, text);
    }

    /// <summary>Inside <c>[...]</c>, after the "[": the code and its arguments up to and including "]".</summary>
    public static async ValueTask<ImapResponseCode> ReadResponseCodeAsync(ImapTokenizer tok, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind != ImapTokenKind.Atom)
        {
            throw Unexpected(tok, kind, "a response code name");
        }

        var code = new ImapResponseCode(CodeName(tok.Value));
        switch (code.Name)
        {
            case "CAPABILITY":
                code.Capabilities = await ReadCapabilityAtomsAsync(tok, ImapTokenKind.CloseBracket, ct).ConfigureAwait(false);
                return code;
            case "UIDVALIDITY":
            case "UIDNEXT":
            case "UNSEEN":
                code.Number = await ReadNumberAsync(tok, "in " + code.Name, ct).ConfigureAwait(false);
                break;
            case "HIGHESTMODSEQ":
                code.BigNumber = await ReadBigNumberAsync(tok, "in HIGHESTMODSEQ", ct).ConfigureAwait(false);
                break;
            case "PERMANENTFLAGS":
                code.Flags = await ReadFlagListAsync(tok, ct).ConfigureAwait(false);
                break;
            case "APPENDUID":
                code.Number = await ReadNumberAsync(tok, "in APPENDUID", ct).ConfigureAwait(false);
                code.Uids = await ReadUidSetAsync(tok, "APPENDUID", ct).ConfigureAwait(false);
                break;
            case "COPYUID":
                code.Number = await ReadNumberAsync(tok, "in COPYUID", ct).ConfigureAwait(false);
                code.Uids = await ReadUidSetAsync(tok, "COPYUID", ct).ConfigureAwait(false);
                code.DestinationUids = await ReadUidSetAsync(tok, "COPYUID", ct).ConfigureAwait(false);
                break;
        }

        // Unknown codes (and any extra arguments) are skipped token-wise up to the closing bracket.
        while (true)
        {
            kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == ImapTokenKind.CloseBracket)
            {
                return code;
            }

            if (kind == ImapTokenKind.EndOfLine)
            {
                throw new ImapProtocolException($"The response code [{code.Name} was not closed before the end of the line.");
            }
        }
    }

    /// <summary>Capability atoms up to <paramref name="end"/> (EndOfLine or CloseBracket), which is consumed.</summary>
    public static async ValueTask<ImapCapabilities> ReadCapabilityAtomsAsync(
        ImapTokenizer tok, ImapTokenKind end, CancellationToken ct)
    {
        var names = new List<string>();
        while (true)
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == end)
            {
                return new ImapCapabilities(names);
            }

            if (kind != ImapTokenKind.Atom)
            {
                throw Unexpected(tok, kind, "a capability name");
            }

            names.Add(tok.ValueAsString());
        }
    }

    public static async ValueTask<UidSet> ReadUidSetAsync(ImapTokenizer tok, string where, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind != ImapTokenKind.Atom || !UidSet.TryParse(tok.Value, out var set))
        {
            throw Unexpected(tok, kind, $"a UID set in {where}");
        }

        return set;
    }

    /// <summary>Skips one value: an atom, string, literal, NIL, or a whole (nested) parenthesized list.</summary>
    public static async ValueTask SkipValueAsync(ImapTokenizer tok, CancellationToken ct)
    {
        var depth = 0;
        do
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            switch (kind)
            {
                case ImapTokenKind.OpenParen:
                    depth++;
                    break;
                case ImapTokenKind.CloseParen:
                    depth--;
                    if (depth < 0)
                    {
                        throw new ImapProtocolException("The server sent an unbalanced ')'.");
                    }

                    break;
                case ImapTokenKind.EndOfLine:
                    throw new ImapProtocolException("A response ended inside a value.");
            }
        }
        while (depth > 0);
    }

    /// <summary>Skips the rest of a response (literals included) through its final CRLF.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask SkipToEndOfLineAsync(ImapTokenizer tok, CancellationToken ct)
    {
        while (await tok.ReadTokenAsync(ct).ConfigureAwait(false) != ImapTokenKind.EndOfLine)
        {
        }
    }

    public static ImapProtocolException Unexpected(ImapTokenizer tok, ImapTokenKind kind, string expected)
    {
        var shown = kind switch
        {
            ImapTokenKind.Atom or ImapTokenKind.QuotedString => $"{kind} '{Shorten(tok.ValueAsString())}'",
            ImapTokenKind.Literal => $"a {tok.LiteralLength}-byte literal",
            _ => kind.ToString(),
        };
        return new ImapProtocolException($"The IMAP server sent {shown} where {expected} was expected.");
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static readonly string[] KnownCodes =
    [
        "ALERT", "ALREADYEXISTS", "APPENDUID", "AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED", "BADCHARSET",
        "CANNOT", "CAPABILITY", "CLIENTBUG", "CLOSED", "CONTACTADMIN", "COPYUID", "CORRUPTION", "EXPIRED",
        "EXPUNGEISSUED", "HASCHILDREN", "HIGHESTMODSEQ", "INUSE", "LIMIT", "NOMODSEQ", "NONEXISTENT",
        "NOPERM", "OVERQUOTA", "PARSE", "PERMANENTFLAGS", "PRIVACYREQUIRED", "READ-ONLY", "READ-WRITE",
        "SERVERBUG", "TRYCREATE", "UIDNEXT", "UIDNOTSTICKY", "UIDVALIDITY", "UNAVAILABLE", "UNKNOWN-CTE", "UNSEEN",
    ];

    /// <summary>Known code names come back as shared constants, so common OK answers allocate no string.</summary>
    private static string CodeName(ReadOnlySpan<byte> atom)
    {
        foreach (var known in KnownCodes)
        {
            if (atom.Length == known.Length && Ascii.EqualsIgnoreCase(atom, known))
            {
                return known;
            }
        }

        return Encoding.ASCII.GetString(atom).ToUpperInvariant();
    }
}
