using System.Diagnostics;
using System.Globalization;
using Reconciler.Cli;
using Reconciler.Daemon;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Providers.Rfc2136;
using Reconciler.Tests.Common;

namespace Reconciler.Bench;

/// <summary>
/// The rfc2136 provider against one local BIND (127.0.0.1, a free port, the test fixture's server): N generated
/// zones of about 20 records, already in sync with their manifests. Measures <c>reconciler plan</c> end to end
/// (process start included), the floor (one dig process transferring every zone, and an in-process loop of our
/// client), and the daemon's drift detection in process over the unchanged zones, where the SOA short-circuit
/// should answer every read without a transfer.
/// </summary>
public static class DnsBenchmark
{
    /// <param name="baseline">Another reconciler binary (an earlier build) whose plan runs alternate with this one's.</param>
    public static async Task RunAsync(string reconciler, string? baseline, string root, int zones, int passes, int? parallelism, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(root, "state", "mail", "passwd")))
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }

            PortfolioGenerator.Write(root, zones);
            await LiveStateGenerator.WriteAsync(root);
        }

        // The generated zone files are the in-sync live state; BIND serves them as they are.
        var texts = Directory.GetFiles(Path.Combine(root, "state", "zones"), "*.zone")
            .ToDictionary(f => DnsName.Parse(Path.GetFileNameWithoutExtension(f) + "."), File.ReadAllText);
        var startup = Stopwatch.StartNew();
        await using var bind = await BindServer.StartAsync(zoneCount: 0, extraZones: texts);
        await bind.WaitServedAsync(texts.Keys);
        Console.WriteLine($"dns: BIND {bind.Address} serving {texts.Count} zones (up in {startup.Elapsed.TotalSeconds:0.00} s); load {Load()}");

        var keyFile = Path.Combine(root, "tsig.key");
        await File.WriteAllTextAsync(keyFile, $"{DnsTestServer.KeyName}:hmac-sha256:{DnsTestServer.Secret}\n", ct);
        var providerParallelism = parallelism is { } p ? $", parallelism: {p}" : "";
        await File.WriteAllTextAsync(Path.Combine(root, "reconciler.yaml"), $$"""
            providers:
              bind: { kind: rfc2136, settings: { server: "{{bind.Address}}", tsigKey: "file:tsig.key" }{{providerParallelism}} }
              mailhost: { kind: postfix-dovecot, settings: { directory: state/mail }, parallelism: 8 }
            defaults: { dnsProvider: bind, mailProvider: mailhost, ttl: 3600 }
            safety: { maxZoneChangeShare: 0.3 }
            """, ct);

        var services = new CliServices(TextWriter.Null, Console.Error, false, TimeProvider.System);
        var loaded = await services.LoadPortfolioAsync(root, ct);
        if (loaded.Portfolio is null || loaded.HasErrors)
        {
            throw new InvalidOperationException("generated portfolio has errors: " + string.Join("; ", loaded.Diagnostics.Take(3)));
        }

        var planner = Reconciling.PortfolioPlanner.DomainParallelism(loaded.Portfolio.Config);
        var provider = loaded.Portfolio.Config.Providers["bind"].Parallelism;
        var used = Math.Min(Math.Min(provider, planner), Rfc2136Provider.MaxConcurrentTransfers);
        Console.WriteLine($"dns: parallelism used {used} (provider 'bind' {provider}, planner {planner}, transfers at most {Rfc2136Provider.MaxConcurrentTransfers})");

        Plan(reconciler, baseline, root, zones, used);
        await FloorAsync(bind, texts.Keys.ToList(), used, ct);
        await DriftAsync(services, loaded.Portfolio, zones, passes, ct);
    }

    /// <summary>
    /// <c>reconciler plan</c> end to end on the in-sync portfolio: one warm-up, then the best of five. With a
    /// <paramref name="baseline"/> binary the two alternate run by run, so both see the same load on a shared machine.
    /// </summary>
    private static void Plan(string reconciler, string? baseline, string root, int zones, int parallelism)
    {
        var binaries = baseline is null ? [("plan ", reconciler)] : new[] { ("plan ", reconciler), ("base ", baseline) };
        var runs = binaries.ToDictionary(b => b.Item1, _ => new List<Measurement.Result>());
        foreach (var (_, path) in binaries)
        {
            Measurement.Run(path, root, "plan", "--detailed-exitcode");
        }

        for (var round = 0; round < 5; round++)
        {
            foreach (var (label, path) in binaries)
            {
                runs[label].Add(Measurement.Run(path, root, "plan", "--detailed-exitcode"));
            }
        }

        foreach (var (label, results) in runs)
        {
            var best = results.MinBy(r => r.Elapsed)!;
            var median = results.Select(r => r.Elapsed.TotalSeconds).Order().ElementAt(results.Count / 2);
            var all = string.Join(" ", results.Select(r => r.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label} {zones,6} zones (in sync, end to end): best {best.Elapsed.TotalSeconds:0.000} s = {zones / best.Elapsed.TotalSeconds:0} zones/s, median {median:0.000} s, parallelism {parallelism}, peak {best.PeakBytes / 1048576.0:0} MB, exit {best.ExitCode} (runs {all}); load {Load()}"));
            if (best.ExitCode != 0)
            {
                Console.WriteLine("  expected no changes: " + string.Join(" | ", best.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3)));
            }
        }
    }

    /// <summary>The floor: one dig process transferring every zone (no per-zone process start), and our own client in a loop.</summary>
    private static async Task FloorAsync(BindServer bind, IReadOnlyList<DnsName> zones, int parallelism, CancellationToken ct)
    {
        var batch = Path.Combine(bind.Directory, "axfr.batch");
        await File.WriteAllLinesAsync(batch, zones.Select(z => $"{z} AXFR"), ct);
        var digRuns = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            var r = await ExternalTool.RunAsync("dig", ["@127.0.0.1", "-p", bind.Port.ToString(CultureInfo.InvariantCulture), "-y", DnsTestServer.ToolKey, "-f", batch, "+onesoa", "+noall", "+answer"], cancellationToken: ct);
            digRuns.Add(watch.Elapsed.TotalSeconds);
            if (r.ExitCode != 0 || r.StdOut.Contains("Transfer failed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("dig batch AXFR failed: " + r.Output[..Math.Min(500, r.Output.Length)]);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor {zones.Count,6} zones, one dig process, sequential: best {digRuns.Min():0.000} s = {zones.Count / digRuns.Min():0} zones/s (runs {string.Join(" ", digRuns.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}); load {Load()}"));

        var client = bind.SignedClient();
        var clientRuns = new List<double>();
        var records = 0;
        var servFails = 0;
        for (var run = 0; run < 3; run++)
        {
            records = 0;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(zones, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (zone, token) =>
            {
                while (true)
                {
                    try
                    {
                        var transferred = await client.TransferAsync(zone, token);
                        Interlocked.Add(ref records, transferred.Count);
                        return;
                    }
                    catch (DnsResponseException ex) when (ex.ResponseCode == Dns.Wire.DnsResponseCode.ServFail)
                    {
                        // BIND's transfers-out limit (10): counted and retried as the provider does, not hidden.
                        Interlocked.Increment(ref servFails);
                        await Task.Delay(100, token);
                    }
                }
            });
            clientRuns.Add(watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"floor {zones.Count,6} zones, our DnsClient in process, parallelism {parallelism}: best {clientRuns.Min():0.000} s = {zones.Count / clientRuns.Min():0} zones/s, {records / (double)zones.Count:0.0} records/zone, {client.TcpConnectionsOpened} TCP connections, {servFails} SERVFAIL retries (runs {string.Join(" ", clientRuns.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))})"));
    }

    /// <summary>The daemon's drift detection over the unchanged zones: a cold pass (every zone transferred), then warm passes.</summary>
    private static async Task DriftAsync(CliServices services, Schema.Model.Portfolio portfolio, int zones, int passes, CancellationToken ct)
    {
        var providers = services.CreateProviders(portfolio.Config);
        var rfc2136 = (Rfc2136Provider)providers.Dns("bind");
        var detector = new DriftDetector(providers, TimeProvider.System);
        var timings = new List<double>();
        var transfersAfterCold = 0;
        for (var pass = 0; pass <= passes; pass++)
        {
            var watch = Stopwatch.StartNew();
            var result = await detector.DetectAsync(portfolio, null, [], ct);
            watch.Stop();
            var errors = result.Plan.Domains.Count(d => d.Error is not null);
            if (result.Reports.Count > 0 || errors > 0)
            {
                throw new InvalidOperationException($"drift pass {pass}: {result.Reports.Count} drifted, {errors} with errors (expected none): {result.Plan.Domains.FirstOrDefault(d => d.Error is not null)?.Error}");
            }

            if (pass == 0)
            {
                transfersAfterCold = rfc2136.TransferCount;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"drift {zones,6} zones: cold pass {watch.Elapsed.TotalSeconds:0.000} s = {zones / watch.Elapsed.TotalSeconds:0} zones/s, {transfersAfterCold} AXFRs"));
                continue;
            }

            timings.Add(watch.Elapsed.TotalSeconds);
        }

        var extra = rfc2136.TransferCount - transfersAfterCold;
        timings.Sort();
        var median = timings[timings.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift {zones,6} zones unchanged (SOA short-circuit): median {median:0.000} s = {zones / median:0} zones/s, best {timings[0]:0.000} s, worst {timings[^1]:0.000} s over {passes} passes; AXFRs on unchanged passes: {extra}{(extra == 0 ? " (ok)" : " (EXPECTED 0)")}; load {Load()}"));
        if (extra != 0)
        {
            throw new InvalidOperationException($"{extra} zone transfers on unchanged passes: the SOA short-circuit did not hold");
        }
    }

    private static string Load()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
