namespace Reconciler.Dns;

/// <summary>
/// DNS text (a name, record data, a zone file) or wire data that cannot be read. <see cref="Reason"/> says what is
/// wrong; when the text came from a file, <see cref="File"/>, <see cref="Line"/> and <see cref="Column"/> say where,
/// and the message starts with <c>file:line:column:</c> so editors and CI logs can jump to it.
/// </summary>
public sealed class DnsFormatException : FormatException
{
    public DnsFormatException(string reason)
        : this(reason, null, 0, 0)
    {
    }

    public DnsFormatException(string reason, string? file, int line, int column)
        : base(Compose(reason, file, line, column))
    {
        Reason = reason;
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The file the text came from, or null when it did not come from a file.</summary>
    public string? File { get; }

    /// <summary>1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    private static string Compose(string reason, string? file, int line, int column)
    {
        if (line <= 0)
        {
            return file is null ? reason : $"{file}: {reason}";
        }

        var where = column > 0 ? $"{line}:{column}" : $"{line}";
        return file is null ? $"line {where}: {reason}" : $"{file}:{where}: {reason}";
    }
}
