using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Reconciler.MigrateBench;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Common;

// Migration benchmark: two Dovecots on loopback, a seeded source, then the real `reconciler migrate` as a child
// process, measured from outside (wall time, CPU seconds and peak RSS via getrusage of the child).
//   MigrateBench [--mailboxes 10] [--messages 10000] [--size 20000] [--parallelism 10] [--batch 500] [--large-mb 50] [--no-verify]
var settings = Settings.Parse(args);
const string Password = "bench-password";
var users = Enumerable.Range(1, settings.Mailboxes + 1).Select(i => $"bench{i}@example.test").ToList();
await using var source = await BenchDovecot.StartAsync(users, Password);
await using var destination = await BenchDovecot.StartAsync(users, Password);
var work = Path.Combine(source.Directory, "job");
Directory.CreateDirectory(work);
await File.WriteAllTextAsync(Path.Combine(work, "password"), Password);

Console.WriteLine($"seeding {settings.Messages:N0} messages of ~{settings.Size / 1000} kB into {settings.Mailboxes} mailboxes …");
var seedClock = Stopwatch.StartNew();
var perMailbox = settings.Messages / settings.Mailboxes;
await Parallel.ForEachAsync(Enumerable.Range(0, settings.Mailboxes), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (m, ct) =>
{
    await using var client = await LoginAsync(source.Port, users[m], Password);
    for (var start = 0; start < perMailbox; start += 500)
    {
        var batch = Enumerable.Range(start, Math.Min(500, perMailbox - start))
            .Select(i => ImapAppendMessage.FromBytes(Corpus.Message(m, i, settings.Size)) with
            {
                Flags = i % 3 == 0 ? ImapMessageFlags.Seen : ImapMessageFlags.None,
                InternalDate = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
            }).ToList();
        await client.AppendAsync("INBOX", batch, ct);
    }
});
Console.WriteLine($"seeded in {seedClock.Elapsed.TotalSeconds:0.0} s (source Dovecot used {source.CpuSeconds:0.00} CPU s to store them)");
if (Environment.GetEnvironmentVariable("PROBE") is not null)
{
    foreach (var (u, items) in new[] { (0, ImapFetchItems.Metadata), (1, ImapFetchItems.Metadata | ImapFetchItems.MessageId), (0, ImapFetchItems.Metadata | ImapFetchItems.MessageId), (2, ImapFetchItems.Metadata) , (2, ImapFetchItems.Metadata | ImapFetchItems.MessageId)})
    {
        await using var c = await LoginAsync(source.Port, users[u], Password);
        await c.ExamineAsync("INBOX");
        var sw = Stopwatch.StartNew();
        var r = await c.UidFetchAsync(UidSet.Range(1, 100000), items);
        Console.WriteLine($"probe user {u} {items}: {r.Count} in {sw.ElapsedMilliseconds} ms");
    }
}

var bulk = await MigrateAsync("bulk", users.Take(settings.Mailboxes).ToList(), settings.Parallelism);
Console.WriteLine();
Print($"{settings.Messages:N0} messages × ~{settings.Size / 1000} kB, {settings.Mailboxes} mailboxes, parallelism {settings.Parallelism}, batch {settings.Batch}{(settings.Verify ? ", verified" : "")}", bulk);

if (settings.LargeMegabytes > 0)
{
    var large = users[^1];
    var length = settings.LargeMegabytes * 1024L * 1024;
    await using (var client = await LoginAsync(source.Port, large, Password))
    {
        await client.AppendAsync("INBOX", ImapAppendMessage.FromStream(new GeneratedMessageStream(length), length));
    }

    var one = await MigrateAsync("large", [large], 1);
    Print($"one {settings.LargeMegabytes} MB message", one);
}

return 0;

async Task<Measured> MigrateAsync(string name, IReadOnlyList<string> mailboxes, int parallelism)
{
    var job = Path.Combine(work, name + ".yaml");
    var yaml = new StringBuilder();
    yaml.AppendLine(CultureInfo.InvariantCulture, $"name: {name}");
    yaml.AppendLine(CultureInfo.InvariantCulture, $"source: {{ host: 127.0.0.1, port: {source.Port}, security: plain }}");
    yaml.AppendLine(CultureInfo.InvariantCulture, $"destination: {{ host: 127.0.0.1, port: {destination.Port}, security: plain }}");
    yaml.AppendLine(CultureInfo.InvariantCulture, $"parallelism: {parallelism}");
    yaml.AppendLine(CultureInfo.InvariantCulture, $"batchSize: {settings.Batch}");
    yaml.AppendLine(CultureInfo.InvariantCulture, $"verify: {(settings.Verify ? "true" : "false")}");
    yaml.AppendLine("mailboxes:");
    foreach (var user in mailboxes)
    {
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  - source: {{ user: {user}, password: file:password }}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {{ user: {user}, password: file:password }}");
    }

    await File.WriteAllTextAsync(job, yaml.ToString());
    var report = Path.Combine(work, name + ".report.json");
    var dll = Path.Combine(AppContext.BaseDirectory, "reconciler.dll");
    var psi = new ProcessStartInfo("dotnet", [dll, "migrate", job, "--progress", "json", "--report", report])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    var before = ChildUsage.Read();
    var serverCpuBefore = (source.CpuSeconds, destination.CpuSeconds);
    var destinationSplitBefore = destination.CpuSplit;
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(psi)!;
    var stderr = process.StandardError.ReadToEndAsync();
    string? line;
    while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
    {
        // drained; the JSON lines are the same as a CI log would get
    }

    await process.WaitForExitAsync();
    var wall = clock.Elapsed;
    var after = ChildUsage.Read();
    var serverCpu = (source.CpuSeconds - serverCpuBefore.Item1, destination.CpuSeconds - serverCpuBefore.Item2);
    var destinationSplit = destination.CpuSplit;
    var destinationSystem = destinationSplit.System - destinationSplitBefore.System;
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"migrate exited with {process.ExitCode}: {await stderr}\n{await File.ReadAllTextAsync(report)}");
    }

    using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(report));
    var r = doc.RootElement;
    var phases = r.GetProperty("mailboxes").EnumerateArray()
        .Select(m => (m.GetProperty("planSeconds").GetDouble(), m.GetProperty("copySeconds").GetDouble(), m.GetProperty("verifySeconds").GetDouble()))
        .ToList();
    return new Measured(
        r.GetProperty("copiedMessages").GetInt64(),
        r.GetProperty("copiedBytes").GetInt64(),
        wall,
        TimeSpan.FromSeconds(r.GetProperty("durationSeconds").GetDouble()),
        after.Cpu - before.Cpu,
        r.GetProperty("peakMemoryBytes").GetInt64(),
        (phases.Max(p => p.Item1), phases.Max(p => p.Item2), phases.Max(p => p.Item3)),
        serverCpu,
        destinationSystem);
}

static void Print(string title, Measured m)
{
    var s = m.Wall.TotalSeconds;
    Console.WriteLine(title);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  messages {m.Messages:N0}, {m.Bytes / 1e6:0.0} MB; wall {s:0.00} s (process start to exit; run itself {m.Run.TotalSeconds:0.00} s)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {m.Messages / s:N0} messages/s, {m.Bytes / s / 1e6:0.0} MB/s end to end; {m.Messages / m.Run.TotalSeconds:N0} messages/s within the run"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  client CPU {m.Cpu.TotalSeconds:0.00} s (user+sys, whole process); client peak memory (VmHWM) {m.PeakRss / 1024.0 / 1024:0.0} MiB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  slowest mailbox: plan {m.Phases.Plan:0.00} s, copy {m.Phases.Copy:0.00} s, verify {m.Phases.Verify:0.00} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  server CPU: source Dovecot {m.ServerCpu.Source:0.00} s, destination Dovecot {m.ServerCpu.Destination:0.00} s ({m.DestinationSystem:0.00} s of it in the kernel); machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

static async Task<ImapClient> LoginAsync(int port, string user, string password)
{
    var client = new ImapClient(new ImapClientOptions { Host = "127.0.0.1", Port = port, Security = ImapSecurity.None });
    await client.ConnectAsync();
    await client.LoginAsync(user, password);
    return client;
}

internal sealed record Measured(
    long Messages, long Bytes, TimeSpan Wall, TimeSpan Run, TimeSpan Cpu, long PeakRss, (double Plan, double Copy, double Verify) Phases,
    (double Source, double Destination) ServerCpu, double DestinationSystem);
