using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared;

/// <summary>
/// A real mail host on 127.0.0.1 for end-to-end tests, and a relay standing in for the rest of the internet:
/// <list type="bullet">
/// <item><see cref="Postfix"/>: SMTP; virtual domains, mailboxes and aliases are <c>hash:</c> maps of the provider's
/// files in <see cref="StateDirectory"/>; delivers over LMTP to <see cref="Dovecot"/>; mail for other domains (external
/// forwards) goes to the relay; SMTP AUTH through Dovecot.</item>
/// <item><see cref="Dovecot"/>: IMAP, LMTP; the provider's <c>passwd</c> is its passdb and userdb.</item>
/// <item><see cref="Relay"/> + <see cref="RelayInbox"/>: a second Postfix that accepts mail for every address of every
/// domain (invites, forwarded mail) and delivers it into a sink Dovecot, one maildir per recipient.</item>
/// </list>
/// Use as a class fixture; give each test its own domain. Everything runs as root (Postfix must be started by root).
/// </summary>
public sealed class MailHostFixture : IAsyncLifetime
{
    private static readonly string[] MapNames = ["virtual_domains", "virtual_mailboxes", "virtual_aliases"];

    private int _source = 10;

    /// <summary>The temp folder holding everything (0755, short enough for Dovecot's sockets).</summary>
    public string Root { get; } = Path.Combine("/tmp", "rcl-mh-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The <c>postfix-dovecot</c> provider's <c>directory</c>: virtual_domains, virtual_mailboxes, virtual_aliases, passwd.</summary>
    public string StateDirectory => Path.Combine(Root, "state");

    /// <summary>Where offboarded maildirs are archived (the provider's <c>archiveDirectory</c>).</summary>
    public string ArchiveDirectory => Path.Combine(Root, "archive");

    public string PasswdFile => Path.Combine(StateDirectory, "passwd");

    public MailHostPostfix Postfix { get; private set; } = null!;

    public MailHostDovecot Dovecot { get; private set; } = null!;

    /// <summary>The relay's SMTP: where outgoing mail (invites, forwards out of the portfolio) is handed.</summary>
    public MailHostPostfix Relay { get; private set; } = null!;

    /// <summary>The relay's mailboxes: every address exists, password <see cref="MailHostDovecot.SinkPassword"/>.</summary>
    public MailHostDovecot RelayInbox { get; private set; } = null!;

    /// <summary>The mail host's <c>postfix -c</c> folder (the provider's <c>postfixConfigDirectory</c>).</summary>
    public string PostfixConfigDirectory => Postfix.ConfigDirectory;

    /// <summary>The mail host's dovecot.conf (the provider's <c>dovecotConfig</c>).</summary>
    public string DovecotConfig => Dovecot.Config;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(StateDirectory);
        Directory.CreateDirectory(ArchiveDirectory);
        MailHostDovecot.OpenUp(StateDirectory);
        foreach (var name in MapNames.Append("passwd"))
        {
            File.WriteAllText(Path.Combine(StateDirectory, name), "");
        }

        try
        {
            RelayInbox = await MailHostDovecot.StartAsync(Path.Combine(Root, "rdove"), passwdFile: null);
            Relay = await MailHostPostfix.StartAsync(Path.Combine(Root, "rpfx"), "relay.test", $"""
                relayhost       =
                default_transport = error:the relay delivers everything locally
                virtual_mailbox_domains = static:all
                smtpd_reject_unlisted_recipient = no
                virtual_transport = lmtp:inet:127.0.0.1:{RelayInbox.LmtpPort}
                """);
            Dovecot = await MailHostDovecot.StartAsync(Path.Combine(Root, "dove"), PasswdFile);

            // Postfix refuses to start with a hash: map that was never compiled.
            var routing = $"""
                relayhost       = [127.0.0.1]:{Relay.SmtpPort}
                virtual_mailbox_domains = hash:{StateDirectory}/virtual_domains
                virtual_mailbox_maps    = hash:{StateDirectory}/virtual_mailboxes
                virtual_alias_maps      = hash:{StateDirectory}/virtual_aliases
                virtual_transport       = lmtp:inet:127.0.0.1:{Dovecot.LmtpPort}
                smtpd_sasl_auth_enable  = yes
                smtpd_sasl_type         = dovecot
                smtpd_sasl_path         = inet:127.0.0.1:{Dovecot.AuthPort}
                """;
            Postfix = await StartHostPostfixAsync(routing);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The <c>providers:</c> entry (indented for under <c>providers:</c>) of a <c>postfix-dovecot</c> provider in live host
    /// mode on this host.
    /// </summary>
    public string ProviderYaml(string name = "mailhost") =>
        $"  {name}: {{ kind: postfix-dovecot, settings: {{ directory: {StateDirectory}, host: local, postfixConfigDirectory: {PostfixConfigDirectory}, dovecotConfig: {DovecotConfig}, archiveDirectory: {ArchiveDirectory} }} }}\n";

    /// <summary>Sends one plain-text message to the mail host's SMTP with MailKit; a refused recipient is an outcome, not an exception.</summary>
    public Task<SmtpOutcome> SendAsync(string to, string subject = "hello", string from = "sender@outside.test", string body = "body line") =>
        SendAsync(Postfix.SmtpPort, to, subject, from, body);

    /// <summary>Sends one plain-text message to the SMTP server on <paramref name="port"/> (the host's or the relay's).</summary>
    public static async Task<SmtpOutcome> SendAsync(int port, string to, string subject, string from, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("test.example");
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, timeout.Token);
        try
        {
            await client.SendAsync(message, timeout.Token);
            return new SmtpOutcome(true, 250, "accepted", message.MessageId);
        }
        catch (SmtpCommandException e)
        {
            return new SmtpOutcome(false, (int)e.StatusCode, e.Message, message.MessageId);
        }
        finally
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
    }

    /// <summary>
    /// Logs in over IMAP with MailKit, from its own 127.0.0.x address (Dovecot's auth penalty is per client IP).
    /// Null when the login succeeded, else the server's refusal.
    /// </summary>
    public async Task<string?> ImapLoginFailureAsync(string user, string password)
    {
        try
        {
            using var client = await OpenImapAsync(user, password);
            await client.DisconnectAsync(quit: true);
            return null;
        }
        catch (AuthenticationException e)
        {
            return e.Message;
        }
    }

    /// <summary>An IMAP session logged in as <paramref name="user"/>, INBOX open (for tests that need a live session).</summary>
    public async Task<ImapClient> OpenImapAsync(string user, string password)
    {
        var client = new ImapClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var source = System.Net.IPAddress.Parse($"127.0.0.{Interlocked.Increment(ref _source) % 250 + 2}");
            client.LocalEndPoint = new System.Net.IPEndPoint(source, 0);
            await client.ConnectAsync("127.0.0.1", Dovecot.ImapPort, SecureSocketOptions.None, timeout.Token);
            await client.AuthenticateAsync(user, password, timeout.Token);
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly, timeout.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Test only: gives <paramref name="address"/> a password by writing its hash straight into the provider's passwd (the
    /// provider carries hashes over byte for byte), then waits until Dovecot sees the change. Login still fails while the
    /// line says <c>nologin … fail</c> (invited, suspended, offboarded).
    /// </summary>
    public async Task SetPasswordForTestAsync(string address, string password)
    {
        var hash = await ExternalTool.RunAsync(MailHostDovecot.Tool("doveadm"), ["pw", "-s", "SHA512-CRYPT", "-p", password]);
        if (hash.ExitCode != 0)
        {
            throw new InvalidOperationException("doveadm pw failed: " + hash.Output);
        }

        var lines = File.ReadAllLines(PasswdFile);
        var at = Array.FindIndex(lines, l => l.StartsWith(address.ToLowerInvariant() + ":", StringComparison.Ordinal));
        if (at < 0)
        {
            throw new InvalidOperationException($"{address} has no line in {PasswdFile}:\n{string.Join('\n', lines)}");
        }

        var fields = lines[at].Split(':');
        fields[1] = hash.StdOut.Trim();
        lines[at] = string.Join(':', fields);
        File.WriteAllText(PasswdFile, string.Join('\n', lines) + "\n");
        await PasswdSeenAsync();
    }

    /// <summary>
    /// Dovecot's passwd-file checks the file's mtime and size at most once a second, so a change in the same second as
    /// the last lookup shows only in the next one.
    /// </summary>
    public static Task PasswdSeenAsync() => Task.Delay(TimeSpan.FromMilliseconds(1100));

    /// <summary>The maillogs and Dovecot logs, for a failing assertion's message.</summary>
    public string Diagnostics() =>
        $"--- host maillog ---\n{MailHostDovecot.Tail(Postfix?.Maillog ?? "")}\n--- host dovecot.log ---\n{MailHostDovecot.Tail(Dovecot?.Log ?? "")}\n" +
        $"--- relay maillog ---\n{MailHostDovecot.Tail(Relay?.Maillog ?? "")}\n--- state ---\n" +
        string.Join('\n', MapNames.Append("passwd").Select(n => $"[{n}]\n" + (File.Exists(Path.Combine(StateDirectory, n)) ? File.ReadAllText(Path.Combine(StateDirectory, n)) : "")));

    public async Task DisposeAsync()
    {
        foreach (var server in new IAsyncDisposable?[] { Postfix, Dovecot, Relay, RelayInbox })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a server may still be removing its own files
        }
    }

    private async Task<MailHostPostfix> StartHostPostfixAsync(string routing)
    {
        // postmap needs a main.cf to exist (P-2): compile the empty maps with a bare one first.
        var bootstrap = Path.Combine(Root, "pfx-bootstrap");
        Directory.CreateDirectory(bootstrap);
        File.WriteAllText(Path.Combine(bootstrap, "main.cf"), "compatibility_level = 3.6\n");
        foreach (var name in MapNames)
        {
            var r = await ExternalTool.RunAsync(MailHostDovecot.Tool("postmap"), ["-c", bootstrap, "hash:" + Path.Combine(StateDirectory, name)]);
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"postmap of {name} failed: {r.Output}");
            }
        }

        return await MailHostPostfix.StartAsync(Path.Combine(Root, "pfx"), "mx.host.test", routing);
    }
}
