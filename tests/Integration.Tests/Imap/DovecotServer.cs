using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Reconciler.Tests.Common;

namespace Reconciler.Integration.Tests.Imap;

/// <summary>
/// A throw-away Dovecot 2.3 instance as a child process, set up as /work/shared/recipes/mail-servers.md prescribes:
/// own config, passwd-file and maildir under a short /tmp folder (mode 0755, mail owned by 65534), listening on
/// free loopback ports, stopped with SIGTERM and waited for on dispose.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    private const int MailUid = 65534;

    // Dovecot looks at a changed passwd-file at most once a second (passwd_file_sync keys on ioloop_time), so users
    // added while tests log in in parallel can stay invisible for up to a second. Tests draw from users written
    // before the start instead; they share one password, hashed once.
    private const int PreparedUsers = 100;
    private readonly Process _process;
    private readonly StringBuilder _output;
    private int _userCounter;

    private DovecotServer(
        string directory, int imapPort, int? imapsPort, Process process, StringBuilder output, string password, string hash)
    {
        Directory = directory;
        ImapPort = imapPort;
        ImapsPort = imapsPort;
        _process = process;
        _output = output;
        Password = password;
        PasswordHash = hash;
    }

    /// <summary>A Dovecot master user (log in as <c>user*admin</c> with <see cref="Password"/>) that can open every mailbox.</summary>
    public const string MasterUser = "admin";

    /// <summary>The password of every prepared user.</summary>
    public string Password { get; }

    private string PasswordHash { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "dovecot.conf");

    public int ImapPort { get; }

    /// <summary>The implicit-TLS port when started with a certificate.</summary>
    public int? ImapsPort { get; }

    public string LogText => File.Exists(Path.Combine(Directory, "dovecot.log"))
        ? File.ReadAllText(Path.Combine(Directory, "dovecot.log"))
        : "";

    /// <param name="tls">Server certificate to serve on an extra imaps port and via STARTTLS; null means <c>ssl = no</c> (pitfall D-1).</param>
    /// <param name="extraConfig">Settings appended to the configuration (e.g. a limit a test needs the server to enforce).</param>
    public static async Task<DovecotServer> StartAsync(TestCertificates? tls = null, string? extraConfig = null)
    {
        if (!ExternalTool.IsInstalled("dovecot"))
        {
            throw new InvalidOperationException("dovecot is not installed (apt-get install dovecot-imapd).");
        }

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Short path under /tmp: Dovecot's unix sockets live below base_dir and must stay under ~107 bytes (D-8).
            var directory = Path.Combine("/tmp", "dv-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                return await TryStartAsync(directory, tls, extraConfig);
            }
            catch (Exception ex) when (ex.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                last = ex; // the free-port race: try again with other ports
                TryDelete(directory);
            }
        }

        throw new InvalidOperationException("Dovecot could not bind free ports after 3 attempts.", last);
    }

    /// <summary>A user nobody else has used (an empty mailbox of its own).</summary>
    public async Task<(string User, string Password)> CreateUserAsync()
    {
        var n = Interlocked.Increment(ref _userCounter);
        var user = UserName(n);
        if (n > PreparedUsers)
        {
            lock (_output)
            {
                File.AppendAllText(Path.Combine(Directory, "passwd"), $"{user}:{PasswordHash}\n");
            }

            await Task.Delay(TimeSpan.FromSeconds(1.2)); // see PreparedUsers
        }

        return (user, Password);
    }

    public Task<ExternalTool.Result> DoveadmAsync(params string[] arguments) =>
        ExternalTool.RunAsync("doveadm", ["-c", ConfigPath, .. arguments]);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ExternalTool.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        TryDelete(Directory);
    }

    private static async Task<DovecotServer> TryStartAsync(string directory, TestCertificates? certificates, string? extraConfig)
    {
        var imapPort = FreePort.Next();
        int? imapsPort = certificates is null ? null : FreePort.Next();
        System.IO.Directory.CreateDirectory(directory);
        foreach (var sub in new[] { "run", "state", "mail" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        // D-6: the auth process (user dovecot) and the mail uid must be able to traverse the folder.
        const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                     UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                                     UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, Mode0755);
        }
        var chown = await ExternalTool.RunAsync("chown", [$"{MailUid}:{MailUid}", Path.Combine(directory, "mail")]);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException("chown of the mail folder failed: " + chown.Output);
        }

        var tls = certificates?.WriteServerPem(directory);
        var config = Path.Combine(directory, "dovecot.conf");
        await File.WriteAllTextAsync(config, Config(directory, imapPort, imapsPort, tls) + (extraConfig ?? "") + "\n");

        // Mode 0644 (default umask): the auth process runs as user dovecot and must read it.
        var password = $"secret-{Guid.NewGuid():N}";
        var hashed = await ExternalTool.RunAsync("doveadm", ["pw", "-s", "SHA512-CRYPT", "-p", password]);
        if (hashed.ExitCode != 0)
        {
            throw new InvalidOperationException("doveadm pw failed: " + hashed.Output);
        }

        var hash = hashed.StdOut.Trim();
        await File.WriteAllLinesAsync(Path.Combine(directory, "passwd"),
            Enumerable.Range(1, PreparedUsers).Select(i => $"{UserName(i)}:{hash}"));
        await File.WriteAllTextAsync(Path.Combine(directory, "master-passwd"), $"{MasterUser}:{hash}\n");

        var psi = new ProcessStartInfo("dovecot")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-F", "-c", config })
        {
            psi.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dovecot");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new DovecotServer(directory, imapPort, imapsPort, process, output, password, hash);
        try
        {
            await WaitForPortAsync(process, imapPort, output, server);
            if (imapsPort is { } p)
            {
                await WaitForPortAsync(process, p, output, server);
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitForPortAsync(Process process, int port, StringBuilder output, DovecotServer server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await Task.Delay(100); // let the output readers finish
                throw new InvalidOperationException(
                    $"dovecot exited with code {process.ExitCode} while starting: {output} {server.LogText}");
            }

            try
            {
                using var probe = new TcpClient();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                await probe.ConnectAsync("127.0.0.1", port, timeout.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"dovecot did not listen on 127.0.0.1:{port} within 20 s: {output} {server.LogText}");
    }

    private static string Config(string d, int imapPort, int? imapsPort, DovecotTlsFiles? tls)
    {
        var ssl = tls is null
            ? "ssl = no"
            : $"ssl = yes\nssl_cert = <{tls.CertificatePath}\nssl_key = <{tls.KeyPath}";
        var imaps = imapsPort is { } p
            ? $"    address = 127.0.0.1\n    port    = {p}\n    ssl     = yes"
            : "    port = 0";
        return $$"""
            # --- standalone test instance; nothing from /etc/dovecot is included ---
            instance_name   = dovecot-{{Path.GetFileName(d)}}
            base_dir        = {{d}}/run
            state_dir       = {{d}}/state
            log_path        = {{d}}/dovecot.log
            info_log_path   = {{d}}/dovecot.log
            debug_log_path  = {{d}}/dovecot.log
            protocols       = imap
            listen          = 127.0.0.1
            {{ssl}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay     = 0
            login_trusted_networks = 127.0.0.0/8
            mail_fsync             = never
            mail_uid        = {{MailUid}}
            mail_gid        = {{MailUid}}
            first_valid_uid = {{MailUid}}
            first_valid_gid = {{MailUid}}
            mail_location   = maildir:{{d}}/mail/%d/%n/Maildir
            mail_home       = {{d}}/mail/%d/%n
            postmaster_address = postmaster@localhost
            auth_master_user_separator = *
            passdb {
              driver = passwd-file
              master = yes
              pass   = yes
              args   = scheme=SHA512-CRYPT username_format=%u {{d}}/master-passwd
            }
            passdb {
              driver = passwd-file
              args   = scheme=SHA512-CRYPT username_format=%u {{d}}/passwd
            }
            userdb {
              driver = static
              args   = uid={{MailUid}} gid={{MailUid}} home={{d}}/mail/%d/%n
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port    = {{imapPort}}
              }
              inet_listener imaps {
            {{imaps}}
              }
            }
            namespace inbox {
              inbox = yes
              separator = /
              mailbox Sent {
                special_use = \Sent
                auto = create
              }
            }

            """;
    }

    // D-5: Dovecot lower-cases login names, so stored names are lower case.
    private static string UserName(int n) => $"user{n}@example.test";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
