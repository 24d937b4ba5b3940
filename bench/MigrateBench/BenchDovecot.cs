using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.MigrateBench;

/// <summary>
/// A throw-away Dovecot 2.3 on 127.0.0.1 for the benchmark (the recipe in /work/shared/recipes/mail-servers.md:
/// own config and maildir under a short /tmp folder, mail owned by 65534, fsync off, no failed-login delay).
/// </summary>
internal sealed class BenchDovecot : IAsyncDisposable
{
    private readonly Process _process;

    private BenchDovecot(string directory, int port, Process process)
    {
        Directory = directory;
        Port = port;
        _process = process;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>CPU seconds the whole instance (master, logins, imap processes) has used so far.</summary>
    public double CpuSeconds => ProcessTreeCpu.Seconds(_process.Id);

    public (double User, double System) CpuSplit => ProcessTreeCpu.Split(_process.Id);

    public static async Task<BenchDovecot> StartAsync(IReadOnlyList<string> users, string password)
    {
        var directory = Path.Combine("/tmp", "mb-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var sub in new[] { "run", "state", "mail" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }

        await RunAsync("chown", "65534:65534", Path.Combine(directory, "mail"));
        var hash = (await RunAsync("doveadm", "pw", "-s", "SHA512-CRYPT", "-p", password)).Trim();
        await File.WriteAllLinesAsync(Path.Combine(directory, "passwd"), users.Select(u => $"{u}:{hash}"));
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(directory, "dovecot.conf"), Config(directory, port));
        var psi = new ProcessStartInfo("dovecot", ["-F", "-c", Path.Combine(directory, "dovecot.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new BenchDovecot(directory, port, process);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await RunAsync("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static int FreePort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} failed: {output}");
    }

    private static string Config(string d, int port) => $$"""
        instance_name   = dovecot-{{Path.GetFileName(d)}}
        base_dir        = {{d}}/run
        state_dir       = {{d}}/state
        log_path        = {{d}}/dovecot.log
        info_log_path   = {{d}}/dovecot.log
        protocols       = imap
        listen          = 127.0.0.1
        ssl             = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        auth_failure_delay     = 0
        login_trusted_networks = 127.0.0.0/8
        mail_fsync             = never
        mail_uid        = 65534
        mail_gid        = 65534
        first_valid_uid = 65534
        first_valid_gid = 65534
        mail_location   = maildir:{{d}}/mail/%d/%n/Maildir
        mail_home       = {{d}}/mail/%d/%n
        postmaster_address = postmaster@localhost
        passdb {
          driver = passwd-file
          args   = scheme=SHA512-CRYPT username_format=%u {{d}}/passwd
        }
        userdb {
          driver = static
          args   = uid=65534 gid=65534 home={{d}}/mail/%d/%n
        }
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port    = {{port}}
          }
          inet_listener imaps {
            port = 0
          }
        }
        namespace inbox {
          inbox = yes
          separator = /
        }

        """;
}
