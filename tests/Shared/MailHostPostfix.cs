using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared;

/// <summary>
/// A throw-away Postfix 3.7 instance with its own <c>-c</c> config folder, SMTP on 127.0.0.1 at a free port, set up as
/// in /work/shared/recipes/mail-servers.md: every tool gets <c>-c</c> (P-2), chroot <c>n</c> everywhere (P-3), folder
/// 0755 (P-4), <c>mydestination =</c> and no local service (P-6), explicit <c>myhostname</c> (P-7), 127.0.0.1 only
/// (P-8), <c>compatibility_level</c> (P-9), <c>maillog_file</c> with its prefix (P-10). The caller gives the
/// routing lines of main.cf (virtual maps, transports, relayhost).
/// </summary>
public sealed class MailHostPostfix : IAsyncDisposable
{
    private bool _stopped;

    private MailHostPostfix(string folder, string hostname, int smtpPort)
    {
        Folder = folder;
        Hostname = hostname;
        SmtpPort = smtpPort;
    }

    public string Folder { get; }

    public string Hostname { get; }

    /// <summary>The folder given to every tool as <c>-c</c>: main.cf and master.cf.</summary>
    public string ConfigDirectory => Path.Combine(Folder, "conf");

    public int SmtpPort { get; }

    public string MaillogPath => Path.Combine(Folder, "maillog");

    public string Maillog => File.Exists(MaillogPath) ? File.ReadAllText(MaillogPath) : "";

    /// <param name="folder">Created if missing.</param>
    /// <param name="hostname">myhostname; also in the greeting, which is how readiness knows it is this server.</param>
    /// <param name="routing">main.cf lines for virtual_* maps, transports and relayhost.</param>
    public static async Task<MailHostPostfix> StartAsync(string folder, string hostname, string routing, CancellationToken ct = default)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var server = new MailHostPostfix(folder, hostname, FreePort.Next());
            try
            {
                await server.StartAsync(routing, ct);
                return server;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                last = e;
                await server.DisposeAsync();
            }
        }

        throw new InvalidOperationException("postfix did not start after 3 tries", last);
    }

    /// <summary><c>postmap -c CONF hash:FILE</c>.</summary>
    public async Task PostmapAsync(string mapFile)
    {
        var result = await ExternalTool.RunAsync(MailHostDovecot.Tool("postmap"), ["-c", ConfigDirectory, "hash:" + mapFile]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"postmap of {mapFile} failed: {result.Output}");
        }
    }

    /// <summary>What <c>postmap -q</c> finds for <paramref name="key"/>, or null when the key is not in the compiled map.</summary>
    public async Task<string?> QueryAsync(string mapFile, string key)
    {
        var result = await ExternalTool.RunAsync(MailHostDovecot.Tool("postmap"), ["-c", ConfigDirectory, "-q", key, "hash:" + mapFile]);
        return result.ExitCode == 0 ? result.StdOut.TrimEnd('\n') : null;
    }

    /// <summary><c>postqueue -p</c>: what is still queued (deferred mail says why).</summary>
    public async Task<string> QueueAsync() =>
        (await ExternalTool.RunAsync(MailHostDovecot.Tool("postqueue"), ["-c", ConfigDirectory, "-p"])).Output;

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (Directory.Exists(ConfigDirectory))
        {
            await ExternalTool.RunAsync(MailHostDovecot.Tool("postfix"), ["-c", ConfigDirectory, "stop"], timeout: TimeSpan.FromSeconds(30));
        }
    }

    private async Task StartAsync(string routing, CancellationToken ct)
    {
        Directory.CreateDirectory(ConfigDirectory);
        Directory.CreateDirectory(Path.Combine(Folder, "queue"));
        Directory.CreateDirectory(Path.Combine(Folder, "data"));
        MailHostDovecot.OpenUp(Folder);
        await ExternalTool.RunAsync("chown", ["postfix:postfix", Path.Combine(Folder, "data")], cancellationToken: ct);
        File.WriteAllText(Path.Combine(ConfigDirectory, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {Folder}/queue
            data_directory  = {Folder}/data
            mail_owner      = postfix
            setgid_group    = postdrop
            myhostname      = {Hostname}
            mydomain        = {Hostname}
            myorigin        = $myhostname
            mydestination   =
            inet_interfaces = 127.0.0.1
            inet_protocols  = ipv4
            mynetworks      = 127.0.0.0/8
            smtp_dns_support_level = disabled
            alias_maps      =
            alias_database  =
            local_recipient_maps =
            biff            = no
            append_dot_mydomain = no
            smtputf8_enable = no
            smtpd_banner    = $myhostname ESMTP test
            smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
            smtpd_recipient_restrictions =
            smtpd_tls_security_level = none
            maillog_file    = {Folder}/maillog
            maillog_file_prefixes = {Folder}
            {routing}
            """);
        File.WriteAllText(Path.Combine(ConfigDirectory, "master.cf"), $"""
            # service        type  private unpriv chroot wakeup maxproc command
            127.0.0.1:{SmtpPort}  inet  n       -      n      -      -       smtpd
            pickup           unix  n       -      n      60     1       pickup
            cleanup          unix  n       -      n      -      0       cleanup
            qmgr             unix  n       -      n      300    1       qmgr
            rewrite          unix  -       -      n      -      -       trivial-rewrite
            bounce           unix  -       -      n      -      0       bounce
            defer            unix  -       -      n      -      0       bounce
            trace            unix  -       -      n      -      0       bounce
            verify           unix  -       -      n      -      1       verify
            flush            unix  n       -      n      1000?  0       flush
            proxymap         unix  -       -      n      -      -       proxymap
            proxywrite       unix  -       -      n      -      1       proxymap
            smtp             unix  -       -      n      -      -       smtp
            relay            unix  -       -      n      -      -       smtp
            showq            unix  n       -      n      -      -       showq
            error            unix  -       -      n      -      -       error
            retry            unix  -       -      n      -      -       error
            discard          unix  -       -      n      -      -       discard
            lmtp             unix  -       -      n      -      -       lmtp
            anvil            unix  -       -      n      -      1       anvil
            scache           unix  -       -      n      -      1       scache
            postlog          unix-dgram n  -      n      -      1       postlogd
            """);

        var check = await ExternalTool.RunAsync(MailHostDovecot.Tool("postfix"), ["-c", ConfigDirectory, "check"], cancellationToken: ct);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"postfix check failed: {check.Output}\n{MailHostDovecot.Tail(Maillog)}");
        }

        var start = await ExternalTool.RunAsync(MailHostDovecot.Tool("postfix"), ["-c", ConfigDirectory, "start"], cancellationToken: ct);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"postfix start failed: {start.Output}\n{MailHostDovecot.Tail(Maillog)}");
        }

        // The master forks smtpd on the first connection; "address already in use" shows in the maillog, not the exit code.
        await MailServerProbe.WaitForGreetingAsync(
            SmtpPort,
            "220",
            Hostname,
            () => Maillog.Contains("in use", StringComparison.OrdinalIgnoreCase) ? $"postfix: address already in use: {MailHostDovecot.Tail(Maillog)}" : null,
            TimeSpan.FromSeconds(20));
    }
}
