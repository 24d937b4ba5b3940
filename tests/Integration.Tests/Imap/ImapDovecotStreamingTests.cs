using System.Diagnostics;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Common;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Imap;

/// <summary>Large bodies with bounded memory, and a relay between two accounts at full speed (run alone).</summary>
[Collection(DovecotSerialCollection.Name)]
public sealed class ImapDovecotStreamingTests(DovecotFixture dovecot, ITestOutputHelper output)
{
    private const long LargeLength = 10 * 1024 * 1024 + 12_345;

    // Generous against measurement noise, far below the 10 MB a buffered body would cost.
    private const long AllocationBudget = 3 * 1024 * 1024;

    [Fact]
    public async Task A_10_MB_message_streams_in_and_out_with_bounded_memory()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        var expectedHash = await HashingStream.HashOfAsync(new GeneratedMessageStream(LargeLength));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var appended = await client.AppendAsync("INBOX",
            ImapAppendMessage.FromStream(new GeneratedMessageStream(LargeLength), LargeLength) with
            {
                Flags = ImapMessageFlags.Seen,
            });
        var appendAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        await client.SelectAsync("INBOX");
        using var sink = new HashingStream();
        long reportedLength = 0;
        before = GC.GetTotalAllocatedBytes(precise: true);
        var summaries = await client.UidFetchBodiesAsync(appended.Uids, ImapFetchItems.Metadata, async (body, ct) =>
        {
            reportedLength = body.Length;
            await body.Content.CopyToAsync(sink, ct);
        });
        var fetchAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"append allocated {appendAllocated / 1024} KiB, fetch allocated {fetchAllocated / 1024} KiB, " +
                         $"largest piece handed to the sink {sink.LargestWrite / 1024} KiB");
        reportedLength.Should().Be(LargeLength);
        sink.Written.Should().Be(LargeLength);
        sink.Finish().Should().Equal(expectedHash);
        summaries.Single().Size.Should().Be(LargeLength);
        appendAllocated.Should().BeLessThan(AllocationBudget);
        fetchAllocated.Should().BeLessThan(AllocationBudget);
        sink.LargestWrite.Should().BeLessThanOrEqualTo(256 * 1024);
    }

    [Fact]
    public async Task Cancelling_a_streaming_fetch_closes_the_connection()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        var appended = await client.AppendAsync("INBOX",
            ImapAppendMessage.FromStream(new GeneratedMessageStream(LargeLength), LargeLength));
        await client.SelectAsync("INBOX");

        using var cts = new CancellationTokenSource();
        var buffer = new byte[64 * 1024];
        long read = 0;
        var fetch = client.UidFetchBodiesAsync(appended.Uids, ImapFetchItems.None, async (body, ct) =>
        {
            while (true)
            {
                var n = await body.Content.ReadAsync(buffer, ct);
                read += n;
                if (n == 0)
                {
                    return;
                }

                if (read > 1024 * 1024)
                {
                    await cts.CancelAsync();
                }
            }
        }, cts.Token);

        await fetch.Awaiting(f => f).Should().ThrowAsync<OperationCanceledException>();
        read.Should().BeLessThan(LargeLength);
        client.IsConnected.Should().BeFalse();
        await client.Awaiting(c => c.NoopAsync()).Should().ThrowAsync<ImapConnectionLostException>();
    }

    [Fact]
    public async Task Relaying_messages_between_two_accounts_streams_and_pipelines()
    {
        const int count = 2000;
        var (source, _) = await dovecot.NewLoggedInClientAsync();
        var (destination, _) = await dovecot.NewLoggedInClientAsync();
        await using var s = source;
        await using var d = destination;

        // Fill the source: pipelined APPENDs, each with flags and an internal date to carry over.
        var ids = Enumerable.Range(0, count).Select(_ => TestMessages.NewMessageId()).ToArray();
        var baseDate = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));
        var clock = Stopwatch.StartNew();
        var confirmations = new List<Task<ImapAppendResult>>(count);
        for (var i = 0; i < count; i++)
        {
            confirmations.Add(await source.StartAppendAsync("INBOX", ImapAppendMessage.FromBytes(TestMessages.Small(i, ids[i])) with
            {
                Flags = i % 3 == 0 ? ImapMessageFlags.Seen : ImapMessageFlags.None,
                Keywords = i % 5 == 0 ? ["$Important"] : [],
                InternalDate = baseDate.AddMinutes(i),
            }));
        }

        await Task.WhenAll(confirmations);
        var appendRate = count / clock.Elapsed.TotalSeconds;

        // Relay: each fetched body goes straight into a MULTIAPPEND batch on the destination; a batch's confirmation
        // is awaited only at the end, so the destination commits while the source streams the next batch.
        await source.SelectAsync("INBOX");
        await destination.CreateFolderAsync("Migrated");
        var before = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        var all = await source.UidSearchAsync(ImapSearchQuery.All);
        var confirmed = new List<Task<ImapAppendResult>>();
        foreach (var chunk in all.Chunk(500))
        {
            await using var batch = destination.CreateAppendBatch("Migrated");
            await source.UidFetchBodiesAsync(chunk, ImapFetchItems.Metadata, (body, ct) =>
                batch.AddAsync(ImapAppendMessage.FromStream(body.Content, body.Length) with
                {
                    Flags = body.Summary.Flags ?? ImapMessageFlags.None,
                    Keywords = body.Summary.Keywords,
                    InternalDate = body.Summary.InternalDate,
                }, ct));
            batch.IsSingleCommand.Should().BeTrue();
            batch.Count.Should().Be((int)chunk.Count);
            confirmed.Add(await batch.CompleteAsync());
        }

        var results = (await Task.WhenAll(confirmed)).SelectMany(r => r.Uids).ToList();
        var relayRate = count / clock.Elapsed.TotalSeconds;
        var relayAllocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"pipelined APPEND: {appendRate:0} messages/s; relay FETCH→MULTIAPPEND: {relayRate:0} messages/s " +
                         $"({count} messages of ~{TestMessages.Small(0, ids[0]).Length} bytes, " +
                         $"{relayAllocated / count} bytes allocated per relayed message)");

        results.Should().Equal(Enumerable.Range(1, count).Select(i => (uint)i));
        await destination.SelectAsync("Migrated");
        var copied = await destination.UidFetchAsync(UidSet.Range(1, count), ImapFetchItems.Metadata | ImapFetchItems.MessageId);
        var originals = await source.UidFetchAsync(all, ImapFetchItems.Metadata | ImapFetchItems.MessageId);
        copied.Select(Comparable).Should().Equal(originals.OrderBy(o => o.Uid).Select(Comparable));
        copied.Select(c => c.MessageId).Should().Equal(ids);
    }

    private static object Comparable(ImapMessageSummary s) =>
        (s.Flags & ~ImapMessageFlags.Recent, string.Join(' ', s.Keywords), s.InternalDate, s.Size, s.MessageId);
}
