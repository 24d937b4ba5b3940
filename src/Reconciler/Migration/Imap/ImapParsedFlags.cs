namespace Reconciler.Migration.Imap;

/// <summary>A parenthesized flag list: system flags, keywords, and whether "\*" (new keywords allowed) was in it.</summary>
internal readonly record struct ImapParsedFlags(ImapMessageFlags System, IReadOnlyList<string> Keywords, bool Wildcard);
