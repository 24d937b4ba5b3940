using System.Diagnostics;
using Reconciler.Integration.Tests.Migration;
using Reconciler.Migration.Imap;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Imap;

/// <summary>
/// The inactivity timeout against a real Dovecot behind <see cref="TcpFaultProxy"/>, which stops passing on the
/// server's bytes in the middle of a FETCH without closing anything.
/// </summary>
[Collection(DovecotCollection.Name)]
public sealed class ImapDovecotTimeoutTests(DovecotFixture dovecot, ITestOutputHelper output)
{
    private const int Messages = 20;
    private const int BodySize = 20_000;

    [Fact]
    public async Task A_fetch_from_a_stalled_server_fails_with_the_timeout_and_a_new_connection_gets_everything()
    {
        var (user, password) = await SeedAsync();
        await using var proxy = new TcpFaultProxy(dovecot.Server.ImapPort);
        proxy.StallOnce(user, 100_000); // well inside the bodies (~400 kB in all)
        var timeout = TimeSpan.FromSeconds(1);

        var stalled = await LoginThroughAsync(proxy, user, password, timeout);
        await using (stalled)
        {
            await stalled.ExamineAsync("INBOX");
            var bodies = 0;
            var fetch = stalled.UidFetchBodiesAsync(UidSet.Range(1, uint.MaxValue), ImapFetchItems.Metadata, async (body, ct) =>
            {
                await body.Content.CopyToAsync(Stream.Null, ct);
                bodies++;
            });
            await proxy.Stalled.WaitAsync(TimeSpan.FromSeconds(30));

            var error = (await fetch.Awaiting(f => f).Should().ThrowAsync<ImapConnectionLostException>()).Which;
            var sinceStall = Stopwatch.GetElapsedTime(proxy.StalledAt);
            output.WriteLine($"timed out {sinceStall.TotalSeconds:0.00} s after the stall");
            sinceStall.Should().BeGreaterThan(timeout * 0.8, "the client waits the whole timeout for a byte");
            sinceStall.Should().BeLessThan(timeout + TimeSpan.FromSeconds(10), "and then gives up (generous slack for a loaded machine)");
            error.IsRetryable.Should().BeTrue();
            error.InactivityTimeout.Should().Be(timeout);
            error.Message.Should().Be(
                $"The source server 127.0.0.1:{proxy.Port} sent nothing for 1 s (inactivity timeout) while waiting for the answer to UID FETCH; the connection was closed.");
            bodies.Should().BeLessThan(Messages, "the stall came mid-fetch");
            stalled.IsConnected.Should().BeFalse("a timed-out connection is closed, never reused");
        }

        // The stall happens once: a new connection (what the migration's retry does) fetches everything.
        await using var fresh = await LoginThroughAsync(proxy, user, password, timeout);
        await fresh.ExamineAsync("INBOX");
        var sizes = new List<long>();
        await fresh.UidFetchBodiesAsync(UidSet.Range(1, uint.MaxValue), ImapFetchItems.Metadata, async (body, ct) =>
        {
            await body.Content.CopyToAsync(Stream.Null, ct);
            sizes.Add(body.Length);
        });
        sizes.Should().HaveCount(Messages).And.OnlyContain(s => s > BodySize);
        await fresh.LogoutAsync();
    }

    [Fact]
    public async Task Cancelling_during_a_stall_is_a_cancellation_not_a_timeout()
    {
        var (user, password) = await SeedAsync();
        await using var proxy = new TcpFaultProxy(dovecot.Server.ImapPort);
        proxy.StallOnce(user, 100_000);

        await using var client = await LoginThroughAsync(proxy, user, password, TimeSpan.FromSeconds(30));
        await client.ExamineAsync("INBOX");
        using var cts = new CancellationTokenSource();
        var fetch = client.UidFetchBodiesAsync(UidSet.Range(1, uint.MaxValue), ImapFetchItems.Metadata,
            async (body, ct) => await body.Content.CopyToAsync(Stream.Null, ct), cts.Token);
        await proxy.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        var sinceStall = Stopwatch.StartNew();
        cts.CancelAfter(TimeSpan.FromSeconds(0.3)); // Ctrl-C, long before the 30 s timeout

        await fetch.Awaiting(f => f).Should().ThrowAsync<OperationCanceledException>();
        sinceStall.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        client.IsConnected.Should().BeFalse("a command cancelled in flight closes its connection");
    }

    private async Task<(string User, string Password)> SeedAsync()
    {
        var (user, password) = await dovecot.Server.CreateUserAsync();
        await using var seed = await dovecot.LoginAsync(user, password);
        var messages = Enumerable.Range(0, Messages)
            .Select(i => ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"{i}.{user}", $"message {i}", new string((char)('a' + i), BodySize))))
            .ToList();
        await seed.AppendAsync("INBOX", messages);
        await seed.LogoutAsync();
        return (user, password);
    }

    private static async Task<ImapClient> LoginThroughAsync(TcpFaultProxy proxy, string user, string password, TimeSpan readTimeout)
    {
        var client = new ImapClient(new ImapClientOptions
        {
            Host = "127.0.0.1", Port = proxy.Port, Security = ImapSecurity.None, ReadTimeout = readTimeout, Role = "source server",
        });
        await client.ConnectAsync();
        await client.LoginAsync(user, password);
        return client;
    }
}
