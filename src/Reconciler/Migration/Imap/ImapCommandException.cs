namespace Reconciler.Migration.Imap;

/// <summary>The server answered a command with NO or BAD. The connection stays usable.</summary>
public sealed class ImapCommandException : ImapException
{
    public ImapCommandException(string command, ImapResponseStatus status, string? responseCode, string serverText)
        : base(Describe(command, status, responseCode, serverText))
    {
        Command = command;
        Status = status;
        ResponseCode = responseCode;
        ServerText = serverText;
    }

    /// <summary>The command name (e.g. APPEND); never its arguments.</summary>
    public string Command { get; }

    public ImapResponseStatus Status { get; }

    /// <summary>The response code name without brackets (e.g. TRYCREATE, ALREADYEXISTS, OVERQUOTA), if any.</summary>
    public string? ResponseCode { get; }

    public string ServerText { get; }

    /// <summary>Only temporary server conditions are worth retrying.</summary>
    public override bool IsRetryable => ResponseCode is "UNAVAILABLE" or "INUSE" or "LIMIT" or "SERVERBUG";

    private static string Describe(string command, ImapResponseStatus status, string? code, string text)
    {
        var codePart = code is null ? "" : $"[{code}] ";
        return $"The IMAP server refused {command}: {status.ToString().ToUpperInvariant()} {codePart}{text}";
    }
}
