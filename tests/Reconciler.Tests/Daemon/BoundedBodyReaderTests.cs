using System.Text;
using Microsoft.AspNetCore.Http;
using Reconciler.Daemon.Http;

namespace Reconciler.Tests.Daemon;

public sealed class BoundedBodyReaderTests : IDisposable
{
    private readonly string _spool = Path.Combine(Path.GetTempPath(), "rcl-spool-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_small_body_is_read_in_memory_and_a_large_one_through_a_file_that_is_gone_afterwards()
    {
        using var reader = new BoundedBodyReader(new BodyLimits(1024 * 1024, 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), _spool);
        var seen = 0L;
        using (var small = await reader.ReadAsync(Request(Encoding.UTF8.GetBytes("name=anna&x=1")), s => seen += s.Length, CancellationToken.None))
        {
            small.IsRead.Should().BeTrue();
            Encoding.UTF8.GetString(small.ToArray()).Should().Be("name=anna&x=1");
            seen.Should().Be(13, "the observer sees every byte");
        }

        var big = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        using (var body = await reader.ReadAsync(Request(big, declareLength: false), null, CancellationToken.None))
        {
            body.IsRead.Should().BeTrue();
            body.Length.Should().Be(big.Length);
            body.ToArray().Should().Equal(big);
            using var copy = new MemoryStream();
            await body.OpenRead().CopyToAsync(copy);
            copy.ToArray().Should().Equal(big);
            Directory.EnumerateFiles(_spool).Should().BeEmpty("the spool file is unlinked as soon as it is open");
        }
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_refused_before_or_while_reading()
    {
        using var reader = new BoundedBodyReader(new BodyLimits(1000, 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), _spool);
        var declared = new CountingStream(new byte[5000]);
        using (var r = await reader.ReadAsync(Request(declared, 5000), null, CancellationToken.None))
        {
            r.Status.Should().Be(StatusCodes.Status413PayloadTooLarge);
            declared.BytesRead.Should().Be(0, "a declared length over the limit is refused unread");
        }

        var undeclared = new CountingStream(new byte[5000]);
        using (var r = await reader.ReadAsync(Request(undeclared, null), null, CancellationToken.None))
        {
            r.Status.Should().Be(StatusCodes.Status413PayloadTooLarge);
            r.Refusal.Should().Contain("1000");
        }
    }

    [Fact]
    public async Task Past_the_concurrent_bodies_others_are_told_to_come_back_and_a_slow_body_times_out()
    {
        using var reader = new BoundedBodyReader(new BodyLimits(1000, 1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50)), _spool);
        var stalled = reader.ReadAsync(Request(new StallingStream(), null), null, CancellationToken.None);
        using (var busy = await reader.ReadAsync(Request("x"u8.ToArray()), null, CancellationToken.None))
        {
            busy.Status.Should().Be(StatusCodes.Status503ServiceUnavailable);
        }

        using (var slow = await stalled)
        {
            slow.Status.Should().Be(StatusCodes.Status408RequestTimeout);
        }

        using var after = await reader.ReadAsync(Request("x"u8.ToArray()), null, CancellationToken.None);
        after.IsRead.Should().BeTrue("the slot is free again");
    }

    [Fact]
    public async Task A_refusal_closes_the_connection()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var refused = await new BoundedBodyReader(new BodyLimits(1, 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), _spool)
            .ReadAsync(Request("too long"u8.ToArray()), null, CancellationToken.None);
        await refused.WriteRefusalAsync(context);
        context.Response.StatusCode.Should().Be(413);
        context.Response.Headers.Connection.ToString().Should().Be("close");
    }

    public void Dispose()
    {
        if (Directory.Exists(_spool))
        {
            Directory.Delete(_spool, recursive: true);
        }
    }

    private static HttpRequest Request(byte[] body, bool declareLength = true) => Request(new MemoryStream(body), declareLength ? body.Length : null);

    private static HttpRequest Request(Stream body, long? length)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = length;
        return context.Request;
    }

    private sealed class CountingStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }
    }

    private sealed class StallingStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}
