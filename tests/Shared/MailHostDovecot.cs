using System.Diagnostics;
using System.Globalization;
using MimeKit;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared;

/// <summary>
/// A throw-away Dovecot 2.3 child process on 127.0.0.1 (IMAP, LMTP, and an auth listener for Postfix SMTP AUTH),
/// configured as in /work/shared/recipes/mail-servers.md: its own base_dir (short path, D-8), <c>ssl = no</c> (D-1),
/// mail owned by uid 65534 (D-7), folders 0755 (D-6), no failed-login delay (D-4), nothing from /etc/dovecot (D-9).
/// Either the provider's passwd-file is both passdb and userdb (<see cref="StartAsync"/> with a path: the mail host),
/// or every address exists and logs in with <see cref="SinkPassword"/> (null: the relay's sink).
/// </summary>
public sealed class MailHostDovecot : IAsyncDisposable
{
    /// <summary>The password of every user of a sink instance.</summary>
    public const string SinkPassword = "relay-sink";

    public const int MailUid = 65534;

    private readonly Process _process;

    private MailHostDovecot(string folder, string name, Process process, int imap, int lmtp, int auth)
    {
        Folder = folder;
        Name = name;
        _process = process;
        ImapPort = imap;
        LmtpPort = lmtp;
        AuthPort = auth;
    }

    public string Folder { get; }

    /// <summary>The instance name; also in its greeting, which is how readiness knows it is this server answering.</summary>
    public string Name { get; }

    public string Config => Path.Combine(Folder, "dovecot.conf");

    /// <summary>Mail lives in <c>MailRoot/domain/local/Maildir</c>; home is <c>MailRoot/domain/local</c>.</summary>
    public string MailRoot => Path.Combine(Folder, "mail");

    public int ImapPort { get; }

    public int LmtpPort { get; }

    /// <summary>Dovecot's auth service for Postfix (<c>smtpd_sasl_type = dovecot</c>, <c>inet:127.0.0.1:port</c>).</summary>
    public int AuthPort { get; }

    public string LogPath => Path.Combine(Folder, "dovecot.log");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    /// <param name="folder">Created if missing; must be short (unix socket paths under it, pitfall D-8).</param>
    /// <param name="passwdFile">The provider's passwd (passdb and userdb); null for a sink that accepts every address.</param>
    public static async Task<MailHostDovecot> StartAsync(string folder, string? passwdFile, CancellationToken ct = default)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Free ports are free only when asked (FreePort); another process may take one first, so try again on a failed start.
            var (imap, lmtp, auth) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            try
            {
                return await TryStartAsync(folder, passwdFile, imap, lmtp, auth, ct);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                last = e;
            }
        }

        throw new InvalidOperationException("dovecot did not start after 3 tries", last);
    }

    public string Maildir(string address)
    {
        var at = address.LastIndexOf('@');
        return Path.Combine(MailRoot, address[(at + 1)..].ToLowerInvariant(), address[..at].ToLowerInvariant(), "Maildir");
    }

    /// <summary>The messages in the INBOX of <paramref name="address"/>, read from its maildir (works without a password).</summary>
    public async Task<IReadOnlyList<MimeMessage>> InboxAsync(string address, CancellationToken ct = default)
    {
        var dir = Maildir(address);
        var messages = new List<MimeMessage>();
        foreach (var sub in new[] { "new", "cur" })
        {
            var path = Path.Combine(dir, sub);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(path).Order(StringComparer.Ordinal))
            {
                try
                {
                    messages.Add(await MimeMessage.LoadAsync(file, ct));
                }
                catch (FileNotFoundException)
                {
                    // moved from new/ to cur/ while listing: read on the next pass
                }
            }
        }

        return messages;
    }

    /// <summary>Waits until a message matching <paramref name="match"/> is in the INBOX of <paramref name="address"/>.</summary>
    public async Task<MimeMessage> WaitForMessageAsync(string address, Func<MimeMessage, bool> match, TimeSpan? timeout = null, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if ((await InboxAsync(address)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no matching message reached {address} ({Maildir(address)}) in time\n{diagnostics?.Invoke()}\n--- dovecot.log ---\n{Tail(Log)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary><c>doveadm -c CONFIG args…</c> against this instance.</summary>
    public Task<ExternalTool.Result> DoveadmAsync(params string[] args) =>
        ExternalTool.RunAsync(Tool("doveadm"), ["-c", Config, .. args]);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    /// <summary>A Debian tool by name: /usr/sbin is not always on PATH.</summary>
    public static string Tool(string name)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" })
        {
            if (File.Exists(Path.Combine(dir, name)))
            {
                return Path.Combine(dir, name);
            }
        }

        throw new InvalidOperationException($"{name} is not installed (Debian packages postfix, dovecot-imapd, dovecot-lmtpd; scripts/install-test-deps installs them)");
    }

    internal static string Tail(string text, int lines = 40) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static async Task<MailHostDovecot> TryStartAsync(string folder, string? passwdFile, int imap, int lmtp, int auth, CancellationToken ct)
    {
        foreach (var sub in new[] { "run", "state", "mail" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        OpenUp(folder);
        var chown = await ExternalTool.RunAsync("chown", [$"{MailUid}:{MailUid}", Path.Combine(folder, "mail")], cancellationToken: ct);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown of the mail folder failed (the mail servers need root): {chown.Output}");
        }

        var name = "rcl-" + Path.GetFileName(Path.GetDirectoryName(folder.TrimEnd('/'))) + "-" + Path.GetFileName(folder.TrimEnd('/'));
        var users = passwdFile is null
            ? $$"""
                passdb {
                  driver = static
                  args   = password={{SinkPassword}}
                }
                userdb {
                  driver = static
                  args   = uid={{MailUid}} gid={{MailUid}} home={{folder}}/mail/%d/%n allow_all_users=yes
                }
                """
            : $$"""
                passdb {
                  driver = passwd-file
                  args   = scheme=SHA512-CRYPT username_format=%u {{passwdFile}}
                }
                userdb {
                  driver = passwd-file
                  args   = username_format=%u {{passwdFile}}
                  default_fields = uid={{MailUid}} gid={{MailUid}} home={{folder}}/mail/%d/%n
                }
                """;
        var config = Path.Combine(folder, "dovecot.conf");
        File.WriteAllText(config, $$"""
            # standalone test instance; nothing from /etc/dovecot is included
            instance_name   = {{name}}
            base_dir        = {{folder}}/run
            state_dir       = {{folder}}/state
            log_path        = {{folder}}/dovecot.log
            info_log_path   = {{folder}}/dovecot.log
            login_greeting  = {{name}} ready.
            protocols       = imap lmtp
            listen          = 127.0.0.1
            ssl             = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            auth_verbose    = yes
            login_trusted_networks = 127.0.0.0/8
            mail_fsync      = never
            mail_uid        = {{MailUid}}
            mail_gid        = {{MailUid}}
            first_valid_uid = {{MailUid}}
            first_valid_gid = {{MailUid}}
            mail_location   = maildir:{{folder}}/mail/%d/%n/Maildir
            lmtp_save_to_detail_mailbox = no
            postmaster_address = postmaster@host.test
            {{users}}
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port    = {{imap}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port    = {{lmtp}}
              }
            }
            service auth {
              inet_listener sasl {
                address = 127.0.0.1
                port    = {{auth}}
              }
            }
            namespace inbox {
              inbox = yes
              separator = /
            }
            """);

        var psi = new ProcessStartInfo(Tool("dovecot"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-F", "-c", config })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dovecot");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailHostDovecot(folder, name, process, imap, lmtp, auth);
        string? Died()
        {
            if (!process.HasExited)
            {
                return null;
            }

            lock (output)
            {
                return $"dovecot exited with {process.ExitCode}: {output}\n{Tail(server.Log)}";
            }
        }

        try
        {
            await MailServerProbe.WaitForGreetingAsync(imap, "* OK", name, Died, TimeSpan.FromSeconds(20));
            await MailServerProbe.WaitForGreetingAsync(lmtp, "220", name, Died, TimeSpan.FromSeconds(20));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>0755 on the folder and every parent up to /tmp: Dovecot's auth process reads passwd as user dovecot (D-6).</summary>
    internal static void OpenUp(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var dir = new DirectoryInfo(folder); dir is not null && dir.FullName.Length > 1; dir = dir.Parent)
        {
            if ((dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                dir.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            }
        }
    }
}
