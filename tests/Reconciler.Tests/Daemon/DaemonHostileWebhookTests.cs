using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reconciler.Daemon.Http;
using Reconciler.Tests.Shared;
using Xunit.Abstractions;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// `/webhooks/github` under attack, against the built daemon: bodies nobody signed must not cost memory, and what
/// is signed is taken once and only when it is well formed.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonHostileWebhookTests(ITestOutputHelper output)
{
    private const string Secret = "s3cret-for-hostile-tests";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>
    /// The reported blow-up: many concurrent large POSTs, unsigned or with a signature that does not match, took the
    /// daemon from about 125 MB to several GB and kept it. The daemon's peak and settled resident memory (VmHWM and
    /// VmRSS from /proc) are bounded, whatever the bodies add up to.
    /// </summary>
    [Fact]
    public async Task Concurrent_large_unsigned_or_forged_webhook_posts_leave_the_daemons_memory_bounded()
    {
        await using var rig = await StartAsync();
        var pid = rig.Process.Id;
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        // Settle the start-up allocations before the baseline.
        (await PostAsync(http, rig, """{"zen":"warm"}"""u8.ToArray(), Sign("""{"zen":"warm"}"""u8.ToArray()), "warm", "ping")).StatusCode.Should().Be(HttpStatusCode.OK);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = Memory(pid);

        const int Posts = 32;
        const int BodyBytes = 20 * 1024 * 1024;
        var forged = "sha256=" + new string('0', 64);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Posts).Select(i => PostLargeAsync(http, rig, BodyBytes, i % 2 == 0 ? null : forged, $"big-{i}")));
        var peak = Memory(pid);
        outcomes.Should().OnlyContain(o => o == "401" || o == "503" || o == "reset", "nothing unsigned or forged is accepted: " + string.Join(' ', outcomes));

        // Memory is given back once the storm is over (the daemon does nothing else meanwhile).
        var settled = peak;
        await rig.Eventually(() => (settled = Memory(pid)).Rss - before.Rss < 64 * 1024 * 1024, TimeSpan.FromSeconds(30), $"resident memory returns near {Mb(before.Rss)} (now {Mb(settled.Rss)}, peak {Mb(peak.Peak)}) {string.Join(" ", outcomes)}");

        var sent = (long)Posts * BodyBytes;
        (peak.Peak - before.Rss).Should().BeLessThan(160L * 1024 * 1024,
            $"{Posts} concurrent {Mb(BodyBytes)} bodies ({Mb(sent)} in all) cost a bounded amount: resident {Mb(before.Rss)} before, peak {Mb(peak.Peak)}, settled {Mb(settled.Rss)}");
        output.WriteLine($"{Posts} x {Mb(BodyBytes)}: resident {Mb(before.Rss)} before, peak {Mb(peak.Peak)}, settled {Mb(settled.Rss)}; {string.Join(' ', outcomes)}");

        // A real delivery still gets through afterwards, a large one too (it is read through a temporary file).
        (await PostAsync(http, rig, """{"zen":"after"}"""u8.ToArray(), Sign("""{"zen":"after"}"""u8.ToArray()), "after", "ping")).StatusCode.Should().Be(HttpStatusCode.OK);
        var large = Encoding.UTF8.GetBytes("{\"zen\":\"" + new string('z', 3 * 1024 * 1024) + "\"}");
        (await PostAsync(http, rig, large, Sign(large), "after-large", "ping")).StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.EnumerateFiles(rig.Work, "*.body", SearchOption.AllDirectories).Should().BeEmpty("spooled bodies are gone once read");
    }

    [Fact]
    public async Task A_signed_body_replayed_under_a_new_delivery_id_is_refused_and_starts_nothing()
    {
        await using var rig = await StartAsync();
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","after":"1111111111111111111111111111111111111111"}""");
        var first = await PostAsync(http, rig, body, Sign(body), "d-1", "push");
        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var replay = await PostAsync(http, rig, body, Sign(body), "d-2", "push");
        replay.StatusCode.Should().Be(HttpStatusCode.Conflict, "the same signed body under another delivery id is a replay");
        (await replay.Content.ReadAsStringAsync()).Should().Contain("replay");
        var redelivery = await PostAsync(http, rig, body, Sign(body), "d-1", "push");
        redelivery.StatusCode.Should().Be(HttpStatusCode.OK, "GitHub's own redelivery keeps its id and is acknowledged as already handled");

        var other = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","after":"2222222222222222222222222222222222222222"}""");
        (await PostAsync(http, rig, other, Sign(other), "d-3", "push")).StatusCode.Should().Be(HttpStatusCode.Accepted, "a different body is a new event");
    }

    [Fact]
    public async Task A_signed_payload_that_is_not_an_object_or_has_a_non_string_ref_is_400()
    {
        await using var rig = await StartAsync();
        using var http = new HttpClient();
        (string Kind, string Json)[] cases =
        [
            ("push", "[1,2,3]"), ("push", "\"refs/heads/main\""), ("push", "42"), ("push", "null"),
            ("push", """{"ref":42}"""), ("push", """{"ref":{"name":"main"}}"""), ("push", """{"ref":null}"""),
            ("pull_request", "[]"), ("ping", "true"),
        ];
        foreach (var (kind, json) in cases)
        {
            var body = Encoding.UTF8.GetBytes(json);
            var r = await PostAsync(http, rig, body, Sign(body), "d-" + Guid.NewGuid().ToString("N"), kind);
            r.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{kind} {json}: {await r.Content.ReadAsStringAsync()}");
        }

        (await http.GetAsync(new Uri(rig.Base, "healthz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        rig.Log.Should().NotContain("Unhandled exception", "a bad payload is a client error, not a crash of the request");
    }

    private static async Task<DaemonRig> StartAsync()
    {
        var rig = new DaemonRig("pollInterval: 1h\n  driftInterval: 1h\n  webhookSecret: env:TEST_WEBHOOK_SECRET");
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start(new Dictionary<string, string> { ["TEST_WEBHOOK_SECRET"] = Secret });
        await rig.WaitHealthyAsync();
        await rig.Eventually(() => File.Exists(rig.ZoneFile("shop.example")) && rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "the first pass applies");
        return rig;
    }

    private static string Sign(byte[] body) => WebhookSignature.Sign(Encoding.UTF8.GetBytes(Secret), body);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, DaemonRig rig, byte[] body, string? signature, string delivery, string kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Base, "webhooks/github")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", kind);
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Streams a large body (generated, so the test holds none of it) and returns the status, or "reset" when the daemon hung up first.</summary>
    private static async Task<string> PostLargeAsync(HttpClient http, DaemonRig rig, int bytes, string? signature, string delivery)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Base, "webhooks/github")) { Content = new GeneratedContent(bytes) };
            request.Headers.Add("X-GitHub-Event", "push");
            request.Headers.Add("X-GitHub-Delivery", delivery);
            if (signature is not null)
            {
                request.Headers.Add(WebhookSignature.Header, signature);
            }

            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "reset";
        }
        catch (IOException)
        {
            return "reset";
        }
    }

    private static ProcessMemory Memory(int pid)
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessMemory(Field(status, "VmRSS"), Field(status, "VmHWM"));
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):0} MB";

    private sealed record ProcessMemory(long Rss, long Peak);

    /// <summary>A JSON-looking body of the given length, produced as it is sent.</summary>
    private sealed class GeneratedContent(int length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            chunk[0] = (byte)'"';
            var left = length;
            while (left > 0)
            {
                var n = Math.Min(left, chunk.Length);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                left -= n;
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }
}
