using System.Diagnostics;
using Reconciler.Migration.Imap;

namespace Reconciler.Tests.Imap;

/// <summary>
/// The inactivity timeout against hand-written server bytes: silence while an answer is owed closes the connection
/// with a retryable error; silence while nothing is owed, and answers that keep trickling in, do not; a server that
/// stops reading fails the write; the caller's own cancellation stays a cancellation.
/// </summary>
public sealed class ImapClientTimeoutTests : IAsyncLifetime
{
    private const string Greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+ MULTIAPPEND UIDPLUS] ready\r\n";
    private readonly ScriptedImapServer _server = new();
    private ImapClient? _client;

    private ImapClient Client => _client!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task An_unanswered_command_fails_as_a_retryable_lost_connection_naming_server_command_and_timeout()
    {
        await ConnectAsync(TimeSpan.FromSeconds(0.5), role: "source server");
        var clock = Stopwatch.StartNew();
        var noop = Client.NoopAsync();
        (await _server.ReadLineAsync()).Should().Be("A1 NOOP"); // and then nothing

        var error = (await noop.Awaiting(n => n).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.4));
        error.IsRetryable.Should().BeTrue();
        error.InactivityTimeout.Should().Be(TimeSpan.FromSeconds(0.5));
        error.Message.Should().Be(
            $"The source server 127.0.0.1:{_server.Port} sent nothing for 0.5 s (inactivity timeout) while waiting for the answer to NOOP; the connection was closed.");
        Client.IsConnected.Should().BeFalse("a timed-out connection is never reused");
        (await _server.ClientClosedAsync()).Should().BeTrue();
        var later = (await Client.Awaiting(c => c.NoopAsync()).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        later.InactivityTimeout.Should().Be(TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task A_server_that_never_greets_times_out_before_the_connect_timeout()
    {
        _client = new ImapClient(Options(TimeSpan.FromSeconds(0.5)));
        var connect = Client.ConnectAsync();
        await _server.AcceptAsync(""); // accepted, silent

        var error = (await connect.Awaiting(c => c).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        error.InactivityTimeout.Should().NotBeNull();
        error.Message.Should().Contain("sent nothing for 0.5 s").And.Contain("waiting for its greeting");
    }

    [Fact]
    public async Task An_idle_connection_may_stay_silent_longer_than_the_timeout()
    {
        await ConnectAsync(TimeSpan.FromSeconds(0.3));
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // nothing in flight: the server owes nothing

        var noop = Client.NoopAsync();
        (await _server.ReadLineAsync()).Should().Be("A1 NOOP");
        await _server.SendAsync("A1 OK done\r\n");
        await noop;
        Client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task A_command_still_being_written_is_not_owed_an_answer()
    {
        await ConnectAsync(TimeSpan.FromSeconds(0.3));
        await using var batch = Client.CreateAppendBatch("INBOX");
        await batch.AddAsync(ImapAppendMessage.FromBytes("one"u8.ToArray()));
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // e.g. the next body is still coming from the other server
        await batch.AddAsync(ImapAppendMessage.FromBytes("two"u8.ToArray()));
        var confirmation = await batch.CompleteAsync();

        (await _server.ReadLineAsync()).Should().Be("A1 APPEND INBOX () {3+}");
        (await _server.ReadLineAsync()).Should().Be("one () {3+}");
        (await _server.ReadLineAsync()).Should().Be("two");
        await _server.SendAsync("A1 OK [APPENDUID 7 1:2] done\r\n");
        (await confirmation).Uids.ToString().Should().Be("1:2");
    }

    [Fact]
    public async Task A_body_that_keeps_arriving_may_take_longer_than_the_timeout()
    {
        // The timeout is per read, not per command: ten pieces 0.25 s apart take 2.5 s against a 2 s timeout.
        await ConnectAsync(TimeSpan.FromSeconds(2));
        var received = new MemoryStream();
        var fetch = Client.UidFetchBodiesAsync(UidSet.Single(5), ImapFetchItems.None,
            async (body, ct) => await body.Content.CopyToAsync(received, ct));
        (await _server.ReadLineAsync()).Should().Be("A1 UID FETCH 5 (UID BODY.PEEK[])");
        var piece = new string('x', 100) + "\r\n";
        await _server.SendAsync($"* 1 FETCH (UID 5 BODY[] {{{piece.Length * 10}}}\r\n");
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(0.25));
            await _server.SendAsync(piece);
        }

        await _server.SendAsync(")\r\nA1 OK done\r\n");
        (await fetch).Should().ContainSingle().Which.Uid.Should().Be(5u);
        received.Length.Should().Be(piece.Length * 10);
        Client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task A_body_that_stops_half_way_times_out()
    {
        await ConnectAsync(TimeSpan.FromSeconds(0.5));
        var fetch = Client.UidFetchBodiesAsync(UidSet.Single(5), ImapFetchItems.None,
            async (body, ct) => await body.Content.CopyToAsync(Stream.Null, ct));
        await _server.ReadLineAsync();
        await _server.SendAsync("* 1 FETCH (UID 5 BODY[] {100}\r\nonly ten b");

        var error = (await fetch.Awaiting(f => f).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        error.InactivityTimeout.Should().Be(TimeSpan.FromSeconds(0.5));
        error.Message.Should().Contain("while waiting for the answer to UID FETCH");
        Client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task A_server_that_stops_reading_fails_the_write_with_the_timeout()
    {
        await ConnectAsync(TimeSpan.FromSeconds(1));
        // Far more than the socket buffers hold; the scripted server reads none of it.
        var huge = ImapAppendMessage.FromStream(new GeneratedStream(1L << 30), 1L << 30);

        var error = (await Client.Awaiting(c => c.AppendAsync("INBOX", huge)).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        error.InactivityTimeout.Should().Be(TimeSpan.FromSeconds(1));
        error.Message.Should().Be(
            $"The IMAP server 127.0.0.1:{_server.Port} accepted no data for 1 s (inactivity timeout) while APPEND was being sent; the connection was closed.");
        Client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task The_callers_cancellation_wins_over_a_pending_timeout()
    {
        await ConnectAsync(TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();
        var fetch = Client.UidFetchBodiesAsync(UidSet.Single(5), ImapFetchItems.None,
            async (body, ct) => await body.Content.CopyToAsync(Stream.Null, ct), cts.Token);
        await _server.ReadLineAsync();
        await _server.SendAsync("* 1 FETCH (UID 5 BODY[] {100}\r\nonly ten b"); // the callback now waits in the body
        var clock = Stopwatch.StartNew();
        cts.CancelAfter(TimeSpan.FromSeconds(0.2));

        await fetch.Awaiting(f => f).Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        Client.IsConnected.Should().BeFalse("a command cancelled in flight closes the connection");
    }

    [Fact]
    public void The_timeout_must_be_positive_or_infinite()
    {
        var zero = () => new ImapClient(Options(TimeSpan.Zero));
        zero.Should().Throw<ArgumentOutOfRangeException>();
        var off = () => new ImapClient(Options(Timeout.InfiniteTimeSpan));
        off.Should().NotThrow();
    }

    private ImapClientOptions Options(TimeSpan readTimeout, string? role = null) => new()
    {
        Host = "127.0.0.1",
        Port = _server.Port,
        Security = ImapSecurity.None,
        ReadTimeout = readTimeout,
        Role = role ?? "IMAP server",
    };

    private async Task ConnectAsync(TimeSpan readTimeout, string? role = null)
    {
        _client = new ImapClient(Options(readTimeout, role));
        var connect = Client.ConnectAsync();
        await _server.AcceptAsync(Greeting);
        await connect;
    }

    /// <summary>Produces <c>length</c> bytes of 'x' without holding them.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Fill((byte)'x');
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
