using System.Diagnostics;
using System.Text;
using Reconciler.Applying;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared;

/// <summary>
/// A daemon under test, for real: a bare Git repository as the remote, a person's clone that pushes to it, a live
/// side (<see cref="IDaemonLive"/>: by default a zone folder for the zonefile provider), and `reconciler serve`
/// running as a separate process in its own work folder.
/// </summary>
public sealed class DaemonRig : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <param name="daemonSettings">Lines of the daemon: section after listen and author, indented by two spaces from the second on.</param>
    /// <param name="live">The live side and its provider; the zonefile provider in <see cref="Zones"/> when null.</param>
    public DaemonRig(string daemonSettings = "pollInterval: 1s\n  driftInterval: 1s", IDaemonLive? live = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "rcl-daemon-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        Live = live ?? new ZoneFileLive(Path.Combine(Root, "live", "zones"));
        Port = FreePort.Next();
        Git(Root, "init", "-q", "--bare", "-b", "main", Remote);
        Git(Root, "clone", "-q", Remote, Person);
        Git(Person, "config", "user.name", "Alice Admin");
        Git(Person, "config", "user.email", "alice@agency.example");
        Config = Live.ProvidersYaml.TrimEnd() + "\n" + $"""
            daemon:
              listen: 127.0.0.1:{Port}
              author: Reconciler Bot <bot@agency.example>
              {daemonSettings}
            """;
        Write("reconciler.yaml", Config);
    }

    public string Root { get; }

    public string Remote => Path.Combine(Root, "remote.git");

    public string Person => Path.Combine(Root, "person");

    public IDaemonLive Live { get; }

    /// <summary>The zonefile provider's folder (only with the default live side).</summary>
    public string Zones => ZoneFiles.Directory;

    public string Work => Path.Combine(Root, "work");

    public string Config { get; }

    public int Port { get; }

    public Uri Base => new($"http://127.0.0.1:{Port}/");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public Process Process => _process ?? throw new InvalidOperationException("not started");

    public string ZoneFile(string domain) => ZoneFiles.ZoneFile(domain);

    public string Zone(string domain) => ZoneFiles.Zone(domain);

    /// <summary>What is live for the domain now, as zone-file text.</summary>
    public Task<string> LiveZoneAsync(string domain) => Live.ReadAsync(domain);

    /// <summary>A person's hand edit of the live side (not through Git).</summary>
    public Task EditLiveAsync(string domain, string from, string to) => Live.ReplaceAsync(domain, from, to);

    private ZoneFileLive ZoneFiles => Live as ZoneFileLive ?? throw new InvalidOperationException("this rig's live side is not a zone folder; use Live");

    public void Write(string relative, string text)
    {
        var full = Path.Combine(Person, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public string CommitAndPush(string message)
    {
        Git(Person, "add", "-A");
        Git(Person, "commit", "-q", "-m", message);
        PushWithRebase();
        return Git(Person, "rev-parse", "HEAD").Trim();
    }

    /// <summary>Pushes as a person does: when the daemon pushed meanwhile, pull --rebase and push again.</summary>
    public void PushWithRebase()
    {
        for (var i = 0; i < 20; i++)
        {
            if (TryGit(Person, "push", "-q", "origin", "main").ExitCode == 0)
            {
                return;
            }

            Git(Person, "pull", "-q", "--rebase", "origin", "main");
        }

        throw new InvalidOperationException("the person could not push in 20 tries");
    }

    public void Start(IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var a in new[] { ReconcilerProcess.Dll, "serve", "--config", Path.Combine(Person, "reconciler.yaml"), "--work", Work })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        psi.Environment.Remove(FaultInjection.KillAfterStepsVariable);
        psi.Environment.Remove(FaultInjection.KillBeforeJournalVariable);
        psi.Environment.Remove(FaultInjection.StepDelayVariable);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits for the HTTP side to answer /healthz.</summary>
    public async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri(Base, "healthz"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the daemon answers /healthz");
    }

    /// <summary>SIGTERM, then waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return _process?.ExitCode ?? 0;
        }

        await ExternalTool.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            if (_process is { HasExited: true })
            {
                throw new Xunit.Sdk.XunitException($"the daemon exited ({_process.ExitCode}) while waiting until {what}\n{Log}");
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"timed out after {timeout.TotalSeconds:0} s waiting until {what}\n--- daemon log ---\n{Tail(Log)}");
    }

    public Task Eventually(Func<bool> condition, TimeSpan timeout, string what) => Eventually(() => Task.FromResult(condition()), timeout, what);

    /// <summary>
    /// Waits until the daemon reports the domain in sync: a record showing up live only means the apply got that far,
    /// and a hand edit made before the apply finishes is (rightly) overwritten by it rather than seen as drift.
    /// </summary>
    public async Task WaitInSyncAsync(string domain, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually(async () =>
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(Base, "api/domains")));
                return doc.RootElement.GetProperty("domains").EnumerateArray()
                    .Any(d => d.GetProperty("domain").GetString() == domain && d.GetProperty("state").GetString() == "in-sync");
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout, $"{domain} is in sync");
    }

    /// <summary>The domain's row of /api/domains (state, message, nextAction), or null before it has one or while the daemon does not answer.</summary>
    public async Task<DomainRow?> DomainAsync(string domain)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(Base, "api/domains")));
            return doc.RootElement.GetProperty("domains").EnumerateArray()
                .Where(d => d.GetProperty("domain").GetString() == domain)
                .Select(d => new DomainRow(d.GetProperty("state").GetString()!, d.GetProperty("message").GetString(), d.GetProperty("nextAction").GetString()))
                .FirstOrDefault();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until the domain is in <paramref name="state"/> (the /api/domains spelling, e.g. waiting-window) and returns its row.</summary>
    public async Task<DomainRow> WaitStateAsync(string domain, string state, TimeSpan timeout)
    {
        DomainRow? row = null;
        await Eventually(async () => (row = await DomainAsync(domain))?.State == state, timeout, $"{domain} is {state} (last seen: {row})");
        return row!;
    }

    /// <summary>How many reconcile passes have ended (the reconcile duration histogram's count on /metrics).</summary>
    public async Task<long> TicksAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(Base, "metrics"));
        var line = text.Split('\n').First(l => l.StartsWith("reconciler_reconcile_duration_seconds_count", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="passes"/> more reconcile passes have ended: "nothing happens across ticks" without a fixed sleep.</summary>
    public async Task WaitTicksAsync(int passes, TimeSpan timeout)
    {
        var start = await TicksAsync();
        await Eventually(async () => await TicksAsync() >= start + passes, timeout, $"{passes} more reconcile passes end");
    }

    /// <summary>Commit subjects on the remote's main branch, newest first.</summary>
    public IReadOnlyList<string> RemoteSubjects() =>
        Git(Remote, "log", "--format=%s", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string? RemoteFile(string path)
    {
        var r = TryGit(Remote, "show", $"main:{path}");
        return r.ExitCode == 0 ? r.StdOut : null;
    }

    public static string Git(string directory, params string[] args)
    {
        var r = TryGit(directory, args);
        return r.ExitCode == 0 ? r.StdOut : throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {directory}: {r.Output}");
    }

    public static ExternalTool.Result TryGit(string directory, params string[] args) =>
        ExternalTool.RunAsync("git", args, directory).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    public static string Tail(string text, int lines = 60) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}

/// <summary>One domain's row of the daemon's /api/domains.</summary>
public sealed record DomainRow(string State, string? Message, string? NextAction);
