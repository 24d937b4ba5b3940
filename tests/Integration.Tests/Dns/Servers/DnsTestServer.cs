using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.Wire;
using Reconciler.Dns.ZoneFiles;
using Reconciler.Tests.Common;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>
/// An authoritative DNS server started as a child process on 127.0.0.1 and a free port, with its configuration and
/// zones in a short temp folder (see /work/shared/recipes/dns-servers.md). It is ready when it answers
/// <c>CH TXT id.server</c> with this instance's nonce, which also proves no other server shares the port. Zones
/// <c>z1.&lt;kind&gt;.test</c> … are handed out one per test by <see cref="NextZone"/>, so tests sharing a server
/// do not see each other's changes. Transfers and updates need the TSIG key <see cref="Key"/>.
/// </summary>
public abstract class DnsTestServer : IAsyncDisposable
{
    public const string KeyName = "testkey";
    public const string Secret = "9C4tVF6Y4plyvO6sZrsGxotFuYB5fCg5jwgcB7PRaA8=";
    public const string WrongSecret = "AAAAVF6Y4plyvO6sZrsGxotFuYB5fCg5jwgcB7PRaA8=";

    private readonly StringBuilder _log = new();
    private readonly List<DnsName> _zones = [];
    private readonly List<DnsName> _emptyZones = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string? _readyLine;
    private int _next;
    private int _nextEmpty;

    protected DnsTestServer(string kind)
    {
        Kind = kind;
        Directory = System.IO.Directory.CreateTempSubdirectory($"{kind}-").FullName;
        Port = FreePort.Next();
        Nonce = "n" + Guid.NewGuid().ToString("N")[..12];
    }

    public static TsigKey Key { get; } = TsigKey.Parse($"{KeyName}:hmac-sha256:{Secret}");

    public static TsigKey WrongKey { get; } = TsigKey.Parse($"{KeyName}:hmac-sha256:{WrongSecret}");

    /// <summary>The -y argument of dig and nsupdate.</summary>
    public static string ToolKey => $"hmac-sha256:{KeyName}:{Secret}";

    public string Kind { get; }

    public string Directory { get; }

    public int Port { get; }

    public string Nonce { get; }

    public DnsServerAddress Address => new("127.0.0.1", Port);

    public IReadOnlyList<DnsName> Zones => _zones;

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

    /// <summary>The zone every server starts with, under <paramref name="origin"/>: each managed type once or more.</summary>
    public static string StandardZone(DnsName origin) => $"""
        $ORIGIN {origin}
        $TTL 300
        @             IN SOA   ns1 hostmaster 2024010101 3600 600 86400 300
        @             IN NS    ns1
        ns1           IN A     127.0.0.1
        @             IN A     192.0.2.1
        www           IN A     192.0.2.10
        mail          IN A     192.0.2.25
        mail          IN AAAA  2001:db8::25
        @             IN MX    10 mail
        @             IN TXT   "v=spf1 -all"
        @             IN CAA   0 issue "letsencrypt.org"
        _dmarc        IN TXT   "v=DMARC1; p=reject"
        _sip._tcp     IN SRV   10 60 5060 www
        _25._tcp.mail IN TLSA  3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1
        alias         IN CNAME www
        private       IN TYPE65280 \# 4 DEADBEEF

        """;

    /// <summary>A zone holding only its SOA and apex NS (out of zone, so no glue), as the provider contract wants.</summary>
    public static string EmptyZone(DnsName origin) => $"""
        $ORIGIN {origin}
        $TTL 300
        @ IN SOA ns1.example.net. hostmaster 2024010101 3600 600 86400 300
        @ IN NS  ns1.example.net.

        """;

    /// <summary>The next unused empty zone (<see cref="EmptyZone"/>).</summary>
    public DnsName NextEmptyZone()
    {
        var i = Interlocked.Increment(ref _nextEmpty) - 1;
        return i < _emptyZones.Count ? _emptyZones[i] : throw new InvalidOperationException($"the {Kind} fixture has only {_emptyZones.Count} empty zones; raise its count");
    }

    /// <summary>The next unused zone; each test takes its own.</summary>
    public DnsName NextZone()
    {
        var i = Interlocked.Increment(ref _next) - 1;
        return i < _zones.Count ? _zones[i] : throw new InvalidOperationException($"the {Kind} fixture has only {_zones.Count} zones; raise its zone count");
    }

    public DnsClient Client(TsigKey? key = null, double timeoutSeconds = 2) =>
        new(Address, new DnsClientOptions { TsigKey = key, Timeout = TimeSpan.FromSeconds(timeoutSeconds) });

    public DnsClient SignedClient() => Client(Key);

    /// <summary>Runs nsupdate with the key against one zone; <paramref name="commands"/> are its update lines.</summary>
    public async Task<ExternalTool.Result> NsUpdateAsync(DnsName zone, string commands, string? key = null)
    {
        var script = $"server 127.0.0.1 {Port}\nzone {zone}\n{commands.TrimEnd()}\nsend\n";
        var args = key == "" ? new List<string>() : ["-y", key ?? ToolKey];
        args.Add("-t");
        args.Add("5");
        return await ExternalTool.RunAsync("nsupdate", args, stdin: script, timeout: TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// <c>dig AXFR</c> with the key, its output read back with our zone file reader. With
    /// <paramref name="unknownFormat"/> dig prints all data as RFC 3597 <c>\#</c> hex (for types we have no syntax for).
    /// </summary>
    public async Task<Zone> DigAxfrAsync(DnsName zone, bool unknownFormat = false)
    {
        List<string> args = ["@127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-y", ToolKey, zone.ToString(), "AXFR", "+onesoa", "+nocmd", "+nostats"];
        if (unknownFormat)
        {
            args.Add("+unknownformat");
        }

        var result = await ExternalTool.RunAsync("dig", args, timeout: TimeSpan.FromSeconds(20));
        // Plain checks, not assertions: the benchmark links this file without a test framework.
        if (result.ExitCode != 0 || result.StdOut.Contains("Transfer failed", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dig AXFR {zone} failed ({result.ExitCode}): {result.Output}");
        }

        // dig prints the TSIG pseudo-records (class ANY) among the data; they are not zone content.
        var lines = result.StdOut.Split('\n').Where(l => !System.Text.RegularExpressions.Regex.IsMatch(l, @"^\S+\s+\d+\s+(ANY|CLASS255)\s"));
        return ZoneFileReader.Read(string.Join('\n', lines), "dig-axfr", zone);
    }

    /// <summary>The zone's SOA serial as served now.</summary>
    public async Task<uint> SerialAsync(DnsName zone)
    {
        var response = await Client().QueryAsync(zone, RecordType.SOA);
        return response.Answers.Select(a => a.Data).OfType<SoaData>().Single().Serial;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            p.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test run over
        }

        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"{Kind} on 127.0.0.1:{Port}";

    /// <summary>
    /// Zones for this instance with their text: z1.kind.test … (standard content) and e1.kind.test … (empty).
    /// </summary>
    protected IReadOnlyDictionary<DnsName, string> MakeZones(int count, int emptyCount)
    {
        var texts = new Dictionary<DnsName, string>();
        for (var i = 1; i <= count; i++)
        {
            var zone = DnsName.Parse($"z{i}.{Kind}.test.");
            _zones.Add(zone);
            texts[zone] = StandardZone(zone);
        }

        for (var i = 1; i <= emptyCount; i++)
        {
            var zone = DnsName.Parse($"e{i}.{Kind}.test.");
            _emptyZones.Add(zone);
            texts[zone] = EmptyZone(zone);
        }

        return texts;
    }

    protected void WriteFile(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

    /// <summary>Starts the server and waits until it answers id.server with our nonce.</summary>
    protected Task LaunchAsync(string fileName, params string[] arguments) => LaunchCoreAsync(fileName, arguments, readyLine: null);

    /// <summary>As <see cref="LaunchAsync"/>, probing only once the server has logged a line ending in <paramref name="readyLine"/>.</summary>
    protected Task LaunchAfterLogLineAsync(string readyLine, string fileName, params string[] arguments) => LaunchCoreAsync(fileName, arguments, readyLine);

    /// <summary>
    /// Starts the server; with <paramref name="readyLine"/>, waits for a log line ending so before the first probe.
    /// BIND needs this: its built-in CHAOS view rate-limits id.server to 3 answers a second per /24 (15 s window,
    /// no slip), so probes sent while a thousand zones load run up a debt, and the answers stay dropped for as
    /// long as the probing goes on.
    /// </summary>
    private async Task LaunchCoreAsync(string fileName, string[] arguments, string? readyLine)
    {
        _readyLine = readyLine;
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        if (readyLine is not null)
        {
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(15)));
            if (first != _ready.Task)
            {
                throw new InvalidOperationException($"{Kind} did not log '{readyLine}' within 15 s{(process.HasExited ? $" (exited with {process.ExitCode})" : "")}:\n{Log}");
            }
        }

        var probe = new DnsClient(Address, new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(100), UdpAttempts = 1 });
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} exited with {process.ExitCode} while starting:\n{Log}");
            }

            try
            {
                var answer = await probe.QueryAsync(DnsName.Parse("id.server."), RecordType.TXT, DnsClass.CH, sign: false);
                var id = answer.Answers.Select(a => a.Data).OfType<TxtData>().FirstOrDefault()?.Value;
                if (id == Nonce)
                {
                    // id.server answers before every zone is loaded (BIND loads them in the background): a test
                    // that transfers a zone too early gets SERVFAIL. Wait until each zone serves its SOA.
                    await WaitForZonesAsync(probe, clock, process, _zones.Concat(_emptyZones));
                    StartupTime = clock.Elapsed;
                    return;
                }

                if (id is not null)
                {
                    throw new InvalidOperationException($"another server ({id}) answers on port {Port}; {Kind} did not get the port:\n{Log}");
                }
            }
            catch (DnsException)
            {
                // not listening yet
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{Kind} did not answer id.server within 15 s:\n{Log}");
    }

    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// Waits until each zone serves its SOA: <see cref="LaunchAsync"/> waits only for the standard and empty zones,
    /// so a test using extra zones from its first query on waits for them here.
    /// </summary>
    public async Task WaitServedAsync(IEnumerable<DnsName> zones)
    {
        var probe = new DnsClient(Address, new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(100), UdpAttempts = 1 });
        await WaitForZonesAsync(probe, Stopwatch.StartNew(), _process ?? throw new InvalidOperationException($"{Kind} is not started"), zones);
    }

    private async Task WaitForZonesAsync(DnsClient probe, Stopwatch clock, Process process, IEnumerable<DnsName> zones)
    {
        foreach (var zone in zones)
        {
            while (true)
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(15) || process.HasExited)
                {
                    throw new TimeoutException($"{Kind} did not serve zone {zone} within 15 s:\n{Log}");
                }

                try
                {
                    var answer = await probe.QueryAsync(zone, RecordType.SOA, DnsClass.IN, sign: false);
                    if (answer.Answers.Count > 0)
                    {
                        break;
                    }
                }
                catch (DnsException)
                {
                    // SERVFAIL/REFUSED while the zone loads
                }

                await Task.Delay(5);
            }
        }
    }

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

        if (_readyLine is { } ready && line.EndsWith(ready, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
