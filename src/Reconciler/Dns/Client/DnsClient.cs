using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Client;

/// <summary>
/// Talks to one DNS server: queries over UDP (retried, and repeated over TCP when the answer is truncated), zone
/// transfers (AXFR) and updates (RFC 2136), over IPv4 or IPv6, signed with TSIG when a key is set. Every response
/// is checked: its ID, that it echoes the question, and its TSIG signature. Failures are <see cref="DnsException"/>s
/// with a one-line message naming the server and what to check.
/// </summary>
public sealed class DnsClient
{
    private static readonly RecordType Axfr = new(252);
    private static readonly RecordType Ixfr = new(251);

    private readonly TcpConnectionPool _idleConnections;
    private int _tcpConnectionsOpened;

    public DnsClient(DnsServerAddress server, DnsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        Options = options ?? new DnsClientOptions();
        if (Options.UdpAttempts < 1 || Options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("a DNS client needs at least one UDP attempt and a positive timeout", nameof(options));
        }

        _idleConnections = new TcpConnectionPool(Math.Max(0, Options.MaxIdleConnections), Options.IdleConnectionTimeout, Options.Clock);
    }

    public DnsServerAddress Server { get; }

    public DnsClientOptions Options { get; }

    /// <summary>TCP connections this client has opened (transfers reuse idle ones; see <see cref="DnsClientOptions.MaxIdleConnections"/>).</summary>
    public int TcpConnectionsOpened => Volatile.Read(ref _tcpConnectionsOpened);

    private string ServerText => Server.ToString();

    /// <summary>Asks one question (class IN, no recursion); the response is returned whatever its response code.</summary>
    public Task<DnsMessage> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken = default) =>
        QueryAsync(name, type, DnsClass.IN, sign: false, cancellationToken);

    public Task<DnsMessage> QueryAsync(DnsName name, RecordType type, DnsClass @class, bool sign, CancellationToken cancellationToken = default) =>
        ExchangeAsync(DnsMessage.Query(0, name, type, @class), sign, cancellationToken);

    /// <summary>
    /// Sends a request (its ID is replaced by a random one) and returns the matching response, whatever its response
    /// code. With <paramref name="sign"/> the request is TSIG-signed and the response must verify.
    /// </summary>
    public async Task<DnsMessage> ExchangeAsync(DnsMessage request, bool sign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = sign ? Options.TsigKey ?? throw new InvalidOperationException("signing was asked for but the client has no TSIG key") : null;
        var response = await OnEachAddressAsync(ep => ExchangeWithAsync(ep, request, key, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.ResponseCode == DnsResponseCode.FormErr && request.Edns is not null && response.Edns is null)
        {
            // A server from before EDNS (RFC 6891 §7): ask again without the OPT record.
            response = await OnEachAddressAsync(ep => ExchangeWithAsync(ep, request with { Edns = null }, key, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>The zone by AXFR over TCP (signed when the client has a key), every record kept, unknown types included.</summary>
    public async Task<Zone> TransferZoneAsync(DnsName zone, CancellationToken cancellationToken = default)
    {
        var records = await TransferAsync(zone, cancellationToken).ConfigureAwait(false);
        return new Zone(records[0], records.Skip(1));
    }

    /// <summary>The records of an AXFR in the order sent: the SOA first, the closing SOA left out.</summary>
    public async Task<IReadOnlyList<ResourceRecord>> TransferAsync(DnsName zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return await OnEachAddressAsync(
            ep => TransferFromAsync(ep, DnsMessage.Query(0, zone, Axfr), zone, () => new FullTransferReader(zone, ServerText), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An IXFR (RFC 1995) over TCP from the version whose SOA is <paramref name="knownSoa"/>: the differences since, the
    /// whole zone when the server has no history that far back, or "up to date". Servers without IXFR answer with an
    /// error (NOTIMP, REFUSED, FORMERR): callers fall back to <see cref="TransferAsync"/>.
    /// </summary>
    public async Task<IncrementalTransfer> IncrementalTransferAsync(DnsName zone, ResourceRecord knownSoa, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(knownSoa);
        if (knownSoa.Data is not Records.SoaData soa || knownSoa.Name != zone)
        {
            throw new ArgumentException($"the known version of {zone} is given by its SOA record", nameof(knownSoa));
        }

        var request = DnsMessage.Query(0, zone, Ixfr) with { Authorities = [MessageRecord.From(knownSoa)] };
        return await OnEachAddressAsync(
            ep => TransferFromAsync(ep, request, zone, () => new IncrementalTransferReader(zone, soa.Serial, ServerText), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends an UPDATE (signed when the client has a key) and returns the response when it is NOERROR; otherwise
    /// throws <see cref="DnsResponseException"/> (prerequisite failures have <see cref="DnsResponseException.IsPrerequisiteFailure"/>).
    /// </summary>
    public async Task<DnsMessage> UpdateAsync(DnsUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Options.TsigKey is { Algorithm.CanSignChanges: false } weak)
        {
            throw new DnsException($"{weak} may only be used to read (queries and transfers); sign updates with an hmac-sha256 or hmac-sha512 key", ServerText);
        }

        var response = await ExchangeAsync(update.ToMessage(0), Options.TsigKey is not null, cancellationToken).ConfigureAwait(false);
        if (response.ResponseCode != DnsResponseCode.NoError)
        {
            throw DnsErrors.ForResponse(response, ServerText, DnsOperation.Update, update.Zone);
        }

        return response;
    }

    internal static ushort NewId() => (ushort)RandomNumberGenerator.GetInt32(0, 65536);

    private async Task<T> OnEachAddressAsync<T>(Func<IPEndPoint, Task<T>> action, CancellationToken cancellationToken)
    {
        var endpoints = await Server.ResolveAsync(cancellationToken).ConfigureAwait(false);
        DnsTransportException? last = null;
        foreach (var ep in endpoints)
        {
            try
            {
                return await action(ep).ConfigureAwait(false);
            }
            catch (DnsTransportException ex)
            {
                last = ex;
            }
        }

        throw last!;
    }

    private async Task<DnsMessage> ExchangeWithAsync(IPEndPoint ep, DnsMessage request, TsigKey? key, CancellationToken cancellationToken)
    {
        var (bytes, sent, session) = Prepare(request, key);
        if (bytes.Length <= EdnsRecord.DefaultPayloadSize)
        {
            var (raw, response) = await UdpExchangeAsync(ep, bytes, sent, cancellationToken).ConfigureAwait(false);
            if (!response.IsTruncated)
            {
                session?.Verify(raw, response);
                return response;
            }

            // Truncated: ask again over TCP, with a fresh ID and signature.
            (bytes, sent, session) = Prepare(request, key);
        }

        using var connection = await OpenTcpAsync(ep, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
        var tcpRaw = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        var tcpResponse = DecodeResponse(tcpRaw);
        if (!Matches(sent, tcpResponse))
        {
            throw new DnsException($"{ServerText} answered over TCP with a response that does not match our request (ID or question differs)", ServerText);
        }

        session?.Verify(tcpRaw, tcpResponse);
        return tcpResponse;
    }

    private (byte[] Bytes, DnsMessage Sent, TsigSession? Session) Prepare(DnsMessage request, TsigKey? key)
    {
        var sent = request with { Id = NewId(), IsResponse = false, Tsig = null };
        var bytes = sent.Encode();
        TsigSession? session = null;
        if (key is not null)
        {
            bytes = TsigSession.Sign(bytes, key, Options.Clock, ServerText, out session);
        }

        return (bytes, sent, session);
    }

    private async Task<(byte[] Raw, DnsMessage Response)> UdpExchangeAsync(IPEndPoint ep, byte[] request, DnsMessage sent, CancellationToken cancellationToken)
    {
        using var socket = new Socket(ep.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var buffer = ArrayPool<byte>.Shared.Rent(DnsMessage.MaxLength);
        try
        {
            await socket.ConnectAsync(ep, cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; attempt <= Options.UdpAttempts; attempt++)
            {
                await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(Options.Timeout);
                try
                {
                    while (true)
                    {
                        var length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                        if (length < 2 || BinaryPrimitives.ReadUInt16BigEndian(buffer) != sent.Id)
                        {
                            continue; // a stray or late datagram: keep waiting for ours
                        }

                        var raw = buffer.AsSpan(0, length).ToArray();
                        var response = DecodeResponse(raw);
                        if (Matches(sent, response))
                        {
                            return (raw, response);
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // this attempt timed out; send again
                }
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            throw new DnsTransportException($"nothing answers DNS at {ServerText} ({ep}: connection refused): check that the server runs and the address and port are right", ServerText, ex);
        }
        catch (SocketException ex)
        {
            throw new DnsTransportException($"cannot reach {ServerText} ({ep}): {ex.Message}", ServerText, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        throw new DnsTransportException(
            $"{ServerText} did not answer within {Options.UdpAttempts} tries of {Options.Timeout.TotalSeconds:0.###} s: check that the server runs and the address and port are right",
            ServerText);
    }

    private async Task<TcpConnection> OpenTcpAsync(IPEndPoint ep, CancellationToken cancellationToken)
    {
        var connection = await TcpConnection.OpenAsync(ep, ServerText, Options.Timeout, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _tcpConnectionsOpened);
        return connection;
    }

    /// <summary>A transfer on an idle connection to <paramref name="ep"/> when there is one, else on a new one.</summary>
    private async Task<T> TransferFromAsync<T>(IPEndPoint ep, DnsMessage request, DnsName zone, Func<ITransferReader<T>> reader, CancellationToken cancellationToken)
    {
        if (_idleConnections.Take(ep) is { } idle)
        {
            var received = idle.MessagesReceived;
            try
            {
                return await TransferOnAsync(idle, ep, request, zone, reader(), cancellationToken).ConfigureAwait(false);
            }
            catch (DnsConnectionClosedException) when (idle.MessagesReceived == received)
            {
                // The server closed the connection while it sat idle (its idle timeout, a restart) and answered
                // nothing on it: not an answer to this transfer, which is made again on a fresh connection.
            }
        }

        var connection = await OpenTcpAsync(ep, cancellationToken).ConfigureAwait(false);
        return await TransferOnAsync(connection, ep, request, zone, reader(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One transfer on the connection, which goes back to the idle pool when the transfer ended cleanly (its last
    /// record was the last of the last message, so nothing is left unread) and is closed otherwise.
    /// </summary>
    private async Task<T> TransferOnAsync<T>(TcpConnection connection, IPEndPoint ep, DnsMessage request, DnsName zone, ITransferReader<T> reader, CancellationToken cancellationToken)
    {
        var reusable = false;
        try
        {
            reusable = await ReadTransferAsync(connection, request, zone, reader, cancellationToken).ConfigureAwait(false);
            return reader.Result;
        }
        finally
        {
            if (reusable)
            {
                _idleConnections.Return(connection, ep);
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Sends the transfer request and feeds the answers to the reader until it is complete; true when the
    /// connection has nothing left unread.</summary>
    private async Task<bool> ReadTransferAsync<T>(TcpConnection connection, DnsMessage request, DnsName zone, ITransferReader<T> reader, CancellationToken cancellationToken)
    {
        var (bytes, sent, session) = Prepare(request, Options.TsigKey);
        await connection.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
        var first = true;
        while (true)
        {
            var raw = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            var message = DecodeResponse(raw);
            if (message.Id != sent.Id || !message.IsResponse)
            {
                throw new DnsException($"{ServerText} sent a message with ID {message.Id} in the transfer of {zone} (ours is {sent.Id})", ServerText);
            }

            if (first && !Matches(sent, message))
            {
                throw new DnsException($"{ServerText} answered the transfer of {zone} for another question", ServerText);
            }

            session?.Verify(raw, message);
            if (message.ResponseCode != DnsResponseCode.NoError)
            {
                throw DnsErrors.ForResponse(message, ServerText, DnsOperation.Transfer, zone);
            }

            if (first && message.Answers.Count == 0)
            {
                throw new DnsException($"{ServerText} sent an empty transfer of {zone}: it may not be authoritative for it", ServerText);
            }

            first = false;
            for (var i = 0; i < message.Answers.Count; i++)
            {
                var r = message.Answers[i];
                if (!r.IsZoneData)
                {
                    if (r.Class == DnsClass.IN)
                    {
                        throw new DnsException($"{ServerText} sent {r.Name} {r.Type} without data in the transfer of {zone}", ServerText);
                    }

                    continue;
                }

                reader.Add(r.ToResourceRecord());
                if (reader.IsComplete)
                {
                    if (session is { LastWasSigned: false })
                    {
                        throw new TsigException($"{ServerText}'s transfer of {zone} ended on an unsigned message", ServerText);
                    }

                    return i == message.Answers.Count - 1;
                }
            }
        }
    }

    private DnsMessage DecodeResponse(ReadOnlySpan<byte> raw)
    {
        try
        {
            return DnsMessage.Decode(raw);
        }
        catch (DnsFormatException ex)
        {
            throw new DnsException($"{ServerText} sent a malformed response: {ex.Reason}", ServerText, ex);
        }
    }

    private static bool Matches(DnsMessage request, DnsMessage response)
    {
        if (!response.IsResponse || response.Id != request.Id || response.Opcode != request.Opcode)
        {
            return false;
        }

        if (response.Questions.Count == 0)
        {
            // Some errors (FORMERR, NOTIMP, TSIG rejections) come back without the question.
            return response.ResponseCode != DnsResponseCode.NoError;
        }

        return response.Questions.Count == request.Questions.Count
            && response.Questions.Zip(request.Questions).All(p => p.First == p.Second);
    }
}
