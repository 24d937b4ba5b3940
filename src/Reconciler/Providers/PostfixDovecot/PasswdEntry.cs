using System.Text;
using System.Text.RegularExpressions;
using Reconciler.Schema.Model;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// A Dovecot passwd-file line, <c>user:password:uid:gid:gecos:home:shell:extra_fields</c>. The password field is kept
/// as an opaque string and written back byte for byte; nothing here shows it. Managed parts: the display name (gecos,
/// with <c>%</c>, <c>:</c> and control characters percent-encoded), the quota (<c>userdb_quota_rule=*:storage=5G</c>)
/// and the login state (see <see cref="DisabledFields"/>); every other field is carried over untouched.
/// </summary>
internal sealed partial record PasswdEntry : StateEntry
{
    /// <summary>
    /// The password field of a mailbox Reconciler creates: <c>{CRYPT}!</c> never verifies (crypt(3) rejects the salt
    /// "!", Dovecot answers "Password mismatch" for every password, the empty one included), so nobody can log in until
    /// the invite flow writes a real hash.
    /// </summary>
    public const string NoUsablePassword = "{CRYPT}!";

    private const int FieldCount = 8;
    private const int GecosField = 4;
    private const string QuotaField = "userdb_quota_rule";
    private const string QuotaPrefix = "*:storage=";

    private readonly string[] _fields;
    private readonly string[] _extras;

    private PasswdEntry(string address, string domain, string[] fields, string[] extras, MailboxState state, string? quota, string? displayName)
        : base(address, domain)
    {
        _fields = fields;
        _extras = extras;
        State = state;
        Quota = quota;
        DisplayName = displayName;
    }

    public MailboxState State { get; }

    public string? Quota { get; }

    public string? DisplayName { get; }

    /// <summary>
    /// How a mailbox that must not log in is written: <c>nologin reason=&lt;state&gt; fail</c>. Verified against
    /// Dovecot 2.3.19: <c>nologin</c> alone makes IMAP answer <c>NO [CONTACTADMIN] suspended</c> even for the right
    /// password, but the auth service still reports success to its other clients, so Postfix SMTP AUTH (Dovecot SASL)
    /// accepted the login; <c>fail</c> makes the passdb lookup itself fail for every service. The reason carries the
    /// state so it reads back. Userdb lookups (LMTP delivery) are unaffected: invited and suspended mailboxes still
    /// receive mail.
    /// </summary>
    public static IReadOnlyList<string> DisabledFields(MailboxState state) => ["nologin", "reason=" + StateWord(state), "fail"];

    public static bool IsValidQuota(string quota) => QuotaPattern().IsMatch(quota);

    public static PasswdEntry Parse(string text, string path, int line)
    {
        if (text.EndsWith('\r'))
        {
            throw new MailStateException(path, line, "line ends with a carriage return (CRLF line endings); Dovecot would read it as part of the last field, save the file with LF line endings");
        }

        var fields = text.Split(':', FieldCount);
        if (fields.Length < 2)
        {
            throw new MailStateException(path, line, "expected user:password:uid:gid:gecos:home:shell:extra_fields");
        }

        var domain = MailNames.DomainOfAddress(fields[0])
            ?? throw new MailStateException(path, line, $"user '{fields[0]}' is not a mail address (local@domain)");
        var extras = fields.Length == FieldCount ? fields[7].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        var (state, quota) = ReadExtras(extras, path, line);
        var displayName = fields.Length > GecosField && fields[GecosField].Length > 0 ? DecodeGecos(fields[GecosField]) : null;
        return new PasswdEntry(fields[0].ToLowerInvariant(), domain, fields, extras, state, quota, displayName);
    }

    /// <summary>A new mailbox: no usable password, uid/gid/home from the Dovecot userdb's default_fields.</summary>
    public static PasswdEntry Create(MailboxResource mailbox)
    {
        var address = mailbox.Address.ToLowerInvariant();
        var fields = new[] { address, NoUsablePassword, "", "", "", "", "", "" };
        return new PasswdEntry(address, MailNames.DomainOfAddress(address)!, fields, [], MailboxState.Active, null, null).With(mailbox);
    }

    /// <summary>This line with the mailbox's state, quota and display name; the user, password and every other field unchanged.</summary>
    public PasswdEntry With(MailboxResource mailbox)
    {
        var fields = new string[FieldCount];
        for (var i = 0; i < FieldCount; i++)
        {
            fields[i] = i < _fields.Length ? _fields[i] : "";
        }

        fields[GecosField] = mailbox.DisplayName is null ? "" : EncodeGecos(mailbox.DisplayName);

        var extras = _extras.ToList();
        SetQuota(extras, mailbox.Quota);
        SetState(extras, mailbox.State);
        fields[7] = string.Join(' ', extras);
        return new PasswdEntry(Key, Domain, fields, extras.ToArray(), mailbox.State, mailbox.Quota, mailbox.DisplayName);
    }

    public string Render() => string.Join(':', _fields.Length == FieldCount ? _fields : _fields.Concat(Enumerable.Repeat("", FieldCount - _fields.Length)));

    public MailboxResource ToResource() => new(Key, State, Quota, DisplayName);

    private static (MailboxState State, string? Quota) ReadExtras(string[] extras, string path, int line)
    {
        string? quota = null;
        string? reason = null;
        bool nologin = false, fail = false, quotaSeen = false;
        foreach (var field in extras)
        {
            var eq = field.IndexOf('=');
            var name = eq < 0 ? field : field[..eq];
            var value = eq < 0 ? null : field[(eq + 1)..];
            switch (name)
            {
                case QuotaField:
                    if (quotaSeen)
                    {
                        throw new MailStateException(path, line, $"{QuotaField} appears twice");
                    }

                    quotaSeen = true;
                    quota = value is not null && value.StartsWith(QuotaPrefix, StringComparison.Ordinal) && IsValidQuota(value[QuotaPrefix.Length..])
                        ? value[QuotaPrefix.Length..]
                        : throw new MailStateException(path, line, $"quota field '{field}' is not of the form {QuotaField}={QuotaPrefix}<number>[K|M|G|T]");
                    break;
                case "nologin":
                    nologin = !nologin ? true : throw new MailStateException(path, line, "nologin appears twice");
                    break;
                case "fail":
                    fail = !fail ? true : throw new MailStateException(path, line, "fail appears twice");
                    break;
                case "reason":
                    reason = reason is null ? value ?? "" : throw new MailStateException(path, line, "reason appears twice");
                    break;
            }
        }

        if (!nologin && !fail && reason is null)
        {
            return (MailboxState.Active, quota);
        }

        if (nologin && fail && reason is not null && StateOf(reason) is { } state)
        {
            return (state, quota);
        }

        throw new MailStateException(
            path,
            line,
            "login is disabled only in part or for an unknown reason: a mailbox that must not log in carries all of "
            + "'nologin reason=<invited|suspended|offboarded> fail' (nologin stops IMAP and POP3, fail also stops SMTP AUTH)");
    }

    private static void SetQuota(List<string> extras, string? quota)
    {
        var at = extras.FindIndex(f => f == QuotaField || f.StartsWith(QuotaField + "=", StringComparison.Ordinal));
        if (quota is null)
        {
            if (at >= 0)
            {
                extras.RemoveAt(at);
            }
        }
        else if (at >= 0)
        {
            extras[at] = $"{QuotaField}={QuotaPrefix}{quota}";
        }
        else
        {
            // Before the state fields, so suspending and re-activating leave the rest of the line byte-identical.
            var state = extras.FindIndex(IsStateField);
            extras.Insert(state < 0 ? extras.Count : state, $"{QuotaField}={QuotaPrefix}{quota}");
        }
    }

    private static void SetState(List<string> extras, MailboxState state)
    {
        if (state == MailboxState.Active)
        {
            extras.RemoveAll(IsStateField);
            return;
        }

        var reason = extras.FindIndex(f => f.StartsWith("reason=", StringComparison.Ordinal));
        if (reason >= 0 && extras.Exists(f => NameOf(f) == "nologin") && extras.Exists(f => NameOf(f) == "fail"))
        {
            extras[reason] = "reason=" + StateWord(state);
            return;
        }

        extras.RemoveAll(IsStateField);
        extras.AddRange(DisabledFields(state));
    }

    private static bool IsStateField(string field) => NameOf(field) is "nologin" or "fail" or "reason";

    private static string NameOf(string field) => field.IndexOf('=') is var eq and >= 0 ? field[..eq] : field;

    private static string StateWord(MailboxState state) => state.ToString().ToLowerInvariant();

    private static MailboxState? StateOf(string reason) => reason switch
    {
        "invited" => MailboxState.Invited,
        "suspended" => MailboxState.Suspended,
        "offboarded" => MailboxState.Offboarded,
        _ => null,
    };

    private static string EncodeGecos(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '%' or ':' or '\u007f' || c < ' ')
            {
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string DecodeGecos(string gecos)
    {
        if (!gecos.Contains('%'))
        {
            return gecos;
        }

        var sb = new StringBuilder(gecos.Length);
        for (var i = 0; i < gecos.Length; i++)
        {
            if (gecos[i] == '%' && i + 2 < gecos.Length && char.IsAsciiHexDigit(gecos[i + 1]) && char.IsAsciiHexDigit(gecos[i + 2]))
            {
                sb.Append((char)Convert.ToInt32(gecos.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                sb.Append(gecos[i]);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("^[0-9]+[KMGT]?$")]
    private static partial Regex QuotaPattern();
}
