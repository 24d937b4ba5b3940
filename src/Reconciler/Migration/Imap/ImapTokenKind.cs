namespace Reconciler.Migration.Imap;

internal enum ImapTokenKind
{
    Atom,
    QuotedString,

    /// <summary><c>{n}</c>, <c>{n+}</c> or literal8 <c>~{n}</c> and its CRLF; the n bytes follow and are read separately.</summary>
    Literal,
    Nil,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,

    /// <summary><c>*</c> at the start of a line: an untagged response.</summary>
    Asterisk,

    /// <summary><c>+</c> at the start of a line: a continuation request.</summary>
    Plus,
    EndOfLine,
}
