using System.Collections.Immutable;
using System.Text;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// One state file as parsed: every logical line in file order with its exact text, so lines Reconciler does not
/// change (other domains, comments, blank lines) are written back byte for byte. Immutable; edits make a new one.
/// </summary>
internal sealed class MailStateFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private MailStateFile(MailStateFileKind kind, string path, FileStamp stamp, ImmutableArray<StateLine> lines)
    {
        Kind = kind;
        Path = path;
        Stamp = stamp;
        Lines = lines;
    }

    public MailStateFileKind Kind { get; }

    public string Path { get; }

    /// <summary>The file on disk this image matches; stale images are read again.</summary>
    public FileStamp Stamp { get; }

    public ImmutableArray<StateLine> Lines { get; }

    public static string FileName(MailStateFileKind kind) => kind switch
    {
        MailStateFileKind.Domains => "virtual_domains",
        MailStateFileKind.Mailboxes => "virtual_mailboxes",
        MailStateFileKind.Aliases => "virtual_aliases",
        MailStateFileKind.Passwd => "passwd",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static async Task<MailStateFile> ReadAsync(MailStateFileKind kind, string directory, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(directory, FileName(kind));
        var stamp = FileStamp.Of(path);
        if (!stamp.Exists)
        {
            return new MailStateFile(kind, path, stamp, []);
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return new MailStateFile(kind, path, default, []);
        }

        // The stamp is taken before reading: a write racing with the read makes the next check read again.
        return new MailStateFile(kind, path, stamp, Parse(kind, path, bytes));
    }

    /// <summary>Every entry, in file order.</summary>
    public IEnumerable<StateEntry> Entries()
    {
        foreach (var l in Lines)
        {
            if (l.Entry is { } e)
            {
                yield return e;
            }
        }
    }

    /// <summary>The 1-based line where <paramref name="entry"/> (this very object) starts; only messages need it.</summary>
    public int LineOf(StateEntry entry)
    {
        var line = 1;
        foreach (var l in Lines)
        {
            if (ReferenceEquals(l.Entry, entry))
            {
                return line;
            }

            line += l.PhysicalLines;
        }

        return 0;
    }

    /// <summary>
    /// Replaces (or removes, <paramref name="line"/> null) the entry with <paramref name="key"/>. A new entry goes among
    /// its domain's entries in key order (after the last of them if none sorts after it), or at the end of the file when
    /// the domain has none yet, so the same steps always give the same file.
    /// </summary>
    public MailStateFile With(string domain, string key, StateLine? line)
    {
        int lastOfDomain = -1, firstAfter = -1;
        for (var i = 0; i < Lines.Length; i++)
        {
            if (Lines[i].Entry is not { } e || e.Domain != domain)
            {
                continue;
            }

            if (e.Key == key)
            {
                return line is null
                    ? new MailStateFile(Kind, Path, Stamp, Lines.RemoveAt(i))
                    : new MailStateFile(Kind, Path, Stamp, Lines.SetItem(i, line));
            }

            lastOfDomain = i;
            if (firstAfter < 0 && string.CompareOrdinal(e.Key, key) > 0)
            {
                firstAfter = i;
            }
        }

        if (line is null)
        {
            return this;
        }

        var at = firstAfter >= 0 ? firstAfter : lastOfDomain >= 0 ? lastOfDomain + 1 : Lines.Length;
        return new MailStateFile(Kind, Path, Stamp, Lines.Insert(at, line));
    }

    /// <summary>Writes the file atomically and returns the image with the new stamp.</summary>
    public async Task<MailStateFile> WriteAsync(CancellationToken cancellationToken)
    {
        var stamp = await AtomicFile.WriteLinesAsync(Path, Lines.Select(l => l.Text), cancellationToken);
        return new MailStateFile(Kind, Path, stamp, Lines);
    }

    private static ImmutableArray<StateLine> Parse(MailStateFileKind kind, string path, byte[] bytes)
    {
        var physical = SplitLines(path, bytes);
        var lines = ImmutableArray.CreateBuilder<StateLine>(physical.Count);
        var firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);

        void Add(StateLine line, int number)
        {
            if (line.Entry is { } e && !firstLineOfKey.TryAdd(e.Key, number))
            {
                var reader = kind == MailStateFileKind.Passwd ? "Dovecot" : "Postfix";
                throw new MailStateException(path, number, $"second entry for '{e.Key}' (the first is on line {firstLineOfKey[e.Key]}); {reader} would use only one of them, remove the other");
            }

            lines.Add(line);
        }

        if (kind == MailStateFileKind.Passwd)
        {
            for (var i = 0; i < physical.Count; i++)
            {
                var text = physical[i];
                Add(new StateLine(text, IsBlankOrComment(text) ? null : PasswdEntry.Parse(text, path, i + 1)), i + 1);
            }

            return lines.ToImmutable();
        }

        // Postfix map source: a line starting with whitespace continues the entry above it.
        for (var i = 0; i < physical.Count;)
        {
            var text = physical[i];
            if (IsBlankOrComment(text))
            {
                Add(new StateLine(text, null), i + 1);
                i++;
                continue;
            }

            if (char.IsWhiteSpace(text[0]))
            {
                throw new MailStateException(path, i + 1, "line starts with whitespace but does not continue an entry (Postfix joins such a line to the entry above it); remove the leading whitespace or join it to its entry");
            }

            var end = i + 1;
            while (end < physical.Count && physical[end].Length > 0 && char.IsWhiteSpace(physical[end][0]) && !IsBlankOrComment(physical[end]))
            {
                end++;
            }

            var group = physical.GetRange(i, end - i);
            var logical = string.Join(' ', group.Select(t => t.Trim()));
            Add(new StateLine(string.Join('\n', group), ParseMapEntry(kind, logical, path, i + 1)), i + 1);
            i = end;
        }

        return lines.ToImmutable();
    }

    private static StateEntry ParseMapEntry(MailStateFileKind kind, string logical, string path, int line)
    {
        var split = logical.IndexOfAny([' ', '\t']);
        if (split < 0)
        {
            throw new MailStateException(path, line, $"'{logical}' has no value; expected '{Expected(kind)}'");
        }

        var key = logical[..split].ToLowerInvariant();
        var value = logical[(split + 1)..].Trim();
        switch (kind)
        {
            case MailStateFileKind.Domains:
                return MailNames.IsDomain(key)
                    ? new DomainEntry(key)
                    : throw new MailStateException(path, line, $"'{key}' is not a domain name; expected '{Expected(kind)}'");
            case MailStateFileKind.Mailboxes:
                var domain = MailNames.DomainOfAddress(key)
                    ?? throw new MailStateException(path, line, $"'{key}' is not a mail address; expected '{Expected(kind)}'");
                return new MailboxPathEntry(key, domain, value);
            case MailStateFileKind.Aliases:
                var aliasDomain = MailNames.DomainOfAddress(key) ?? MailNames.DomainOfCatchAll(key)
                    ?? throw new MailStateException(path, line, $"'{key}' is neither a mail address nor a catch-all (@domain); expected '{Expected(kind)}'");
                var targets = value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(t => t.ToLowerInvariant())
                    .ToArray();
                return targets.Length > 0
                    ? new AliasEntry(key, aliasDomain, targets)
                    : throw new MailStateException(path, line, $"'{key}' has no targets; expected '{Expected(kind)}'");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private static string Expected(MailStateFileKind kind) => kind switch
    {
        MailStateFileKind.Domains => "domain OK",
        MailStateFileKind.Mailboxes => "local@domain domain/local/",
        _ => "local@domain target, target (or @domain target for the catch-all)",
    };

    private static bool IsBlankOrComment(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.IsWhiteSpace() || trimmed[0] == '#';
    }

    private static List<string> SplitLines(string path, byte[] bytes)
    {
        var lines = new List<string>();
        var span = bytes.AsSpan();
        var number = 1;
        while (span.Length > 0)
        {
            var nl = span.IndexOf((byte)'\n');
            var raw = nl < 0 ? span : span[..nl];
            try
            {
                lines.Add(StrictUtf8.GetString(raw));
            }
            catch (DecoderFallbackException)
            {
                throw new MailStateException(path, number, "line is not valid UTF-8; save the file as UTF-8");
            }

            if (nl < 0)
            {
                break;
            }

            span = span[(nl + 1)..];
            number++;
        }

        return lines;
    }
}
