using System.Diagnostics;
using System.Net.Sockets;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>
/// A throw-away Dovecot 2.3 (IMAP, passwd-file passdb and userdb reading the provider's passwd) and a Postfix smtpd
/// that authenticates SMTP AUTH through Dovecot's auth service, both on 127.0.0.1, set up as in
/// /work/shared/recipes/mail-servers.md. Shared by the tests of one class; each test uses its own addresses.
/// </summary>
public sealed class DovecotInstance : IAsyncLifetime
{
    private const int MailUid = 65534;

    private readonly MailStateFolder _folder = new();
    private Process? _dovecot;
    private bool _postfixStarted;

    /// <summary>The provider's state folder; passwd in it is Dovecot's passdb and userdb.</summary>
    internal MailStateFolder State => _folder;

    public string Config => Path.Combine(_folder.Root, "dovecot", "dovecot.conf");

    private string PostfixConfig => Path.Combine(_folder.Root, "postfix", "conf");

    internal MailClients Clients { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder.Path);
        File.WriteAllText(_folder.File("passwd"), "");
        var imap = FreePort.Next();
        var auth = FreePort.Next();
        var smtp = FreePort.Next();
        await StartDovecotAsync(imap, auth);
        await StartPostfixAsync(smtp, auth);
        Clients = new MailClients(imap, smtp);
    }

    /// <summary>
    /// Waits until Dovecot sees a changed passwd: passwd-file looks at the file's mtime and size at most once a
    /// second, so a change in the same second as the last lookup shows only in the next second (seen here: a login
    /// right after suspending still succeeded).
    /// </summary>
    public static Task PasswdReloadAsync() => Task.Delay(TimeSpan.FromMilliseconds(1100));

    /// <summary><c>doveadm auth test</c>: Dovecot's auth service as its clients other than the login processes see it.</summary>
    public Task<ExternalTool.Result> AuthTestAsync(string user, string password) =>
        ExternalTool.RunAsync(MailTools.Path("doveadm"), ["-c", Config, "auth", "test", user, password]);

    /// <summary><c>doveadm user</c>: the userdb lookup LMTP delivery makes.</summary>
    public Task<ExternalTool.Result> UserLookupAsync(string user) =>
        ExternalTool.RunAsync(MailTools.Path("doveadm"), ["-c", Config, "user", user]);

    public async Task DisposeAsync()
    {
        if (_postfixStarted)
        {
            await ExternalTool.RunAsync(MailTools.Path("postfix"), ["-c", PostfixConfig, "stop"]);
        }

        if (_dovecot is { HasExited: false })
        {
            Process.Start("kill", ["-TERM", _dovecot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            await _dovecot.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        }

        _dovecot?.Dispose();
        _folder.Dispose();
    }

    private async Task StartDovecotAsync(int imapPort, int authPort)
    {
        var d = Path.GetDirectoryName(Config)!;
        foreach (var sub in new[] { "run", "state", "mail" })
        {
            Directory.CreateDirectory(Path.Combine(d, sub));
        }

        await ExternalTool.RunAsync("chown", [$"{MailUid}:{MailUid}", Path.Combine(d, "mail")]);
        var passwd = _folder.File("passwd");
        File.WriteAllText(Config, $$"""
            instance_name   = dovecot-rcl-{{Path.GetFileName(_folder.Root)}}
            base_dir        = {{d}}/run
            state_dir       = {{d}}/state
            log_path        = {{d}}/dovecot.log
            protocols       = imap
            listen          = 127.0.0.1
            ssl             = no
            disable_plaintext_auth = no
            auth_failure_delay = 0
            login_trusted_networks = 127.0.0.0/8
            auth_verbose    = yes
            mail_uid        = {{MailUid}}
            mail_gid        = {{MailUid}}
            first_valid_uid = {{MailUid}}
            first_valid_gid = {{MailUid}}
            mail_location   = maildir:{{d}}/mail/%d/%n/Maildir
            passdb {
              driver = passwd-file
              args   = scheme=SHA512-CRYPT username_format=%u {{passwd}}
            }
            userdb {
              driver = passwd-file
              args   = username_format=%u {{passwd}}
              default_fields = uid={{MailUid}} gid={{MailUid}} home={{d}}/mail/%d/%n
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port    = {{imapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service auth {
              inet_listener sasl {
                address = 127.0.0.1
                port    = {{authPort}}
              }
            }
            """);

        var psi = new ProcessStartInfo(MailTools.Path("dovecot"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-F", "-c", Config })
        {
            psi.ArgumentList.Add(a);
        }

        _dovecot = Process.Start(psi)!;
        var stderr = _dovecot.StandardError.ReadToEndAsync();
        await WaitForPortAsync(imapPort, () => _dovecot.HasExited ? $"dovecot exited {_dovecot.ExitCode}: {stderr.Result}" : null);
        await WaitForPortAsync(authPort, () => null);
    }

    private async Task StartPostfixAsync(int smtpPort, int authPort)
    {
        var t = Path.GetDirectoryName(PostfixConfig)!;
        Directory.CreateDirectory(PostfixConfig);
        Directory.CreateDirectory(Path.Combine(t, "queue"));
        Directory.CreateDirectory(Path.Combine(t, "data"));
        await ExternalTool.RunAsync("chown", ["postfix:postfix", Path.Combine(t, "data")]);
        File.WriteAllText(Path.Combine(PostfixConfig, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {t}/queue
            data_directory  = {t}/data
            mail_owner      = postfix
            setgid_group    = postdrop
            myhostname      = mx.example.test
            mydestination   =
            inet_interfaces = 127.0.0.1
            inet_protocols  = ipv4
            mynetworks      =
            default_transport = error:outbound mail disabled in test instance
            smtp_dns_support_level = disabled
            alias_maps      =
            alias_database  =
            local_recipient_maps =
            smtpd_sasl_auth_enable = yes
            smtpd_sasl_type = dovecot
            smtpd_sasl_path = inet:127.0.0.1:{authPort}
            smtpd_tls_security_level = none
            maillog_file    = {t}/maillog
            maillog_file_prefixes = {t}
            """);
        File.WriteAllText(Path.Combine(PostfixConfig, "master.cf"), $"""
            127.0.0.1:{smtpPort} inet n - n - - smtpd
            pickup     unix  n - n 60  1 pickup
            cleanup    unix  n - n -   0 cleanup
            qmgr       unix  n - n 300 1 qmgr
            rewrite    unix  - - n -   - trivial-rewrite
            bounce     unix  - - n -   0 bounce
            defer      unix  - - n -   0 bounce
            trace      unix  - - n -   0 bounce
            verify     unix  - - n -   1 verify
            proxymap   unix  - - n -   - proxymap
            error      unix  - - n -   - error
            anvil      unix  - - n -   1 anvil
            scache     unix  - - n -   1 scache
            postlog    unix-dgram n - n - 1 postlogd
            """);
        var start = await ExternalTool.RunAsync(MailTools.Path("postfix"), ["-c", PostfixConfig, "start"]);
        start.ExitCode.Should().Be(0, start.Output);
        _postfixStarted = true;
        await WaitForPortAsync(smtpPort, () => null);
    }

    private static async Task WaitForPortAsync(int port, Func<string?> failed)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                if (failed() is { } why)
                {
                    throw new InvalidOperationException(why);
                }

                await Task.Delay(50);
            }
        }
    }
}
