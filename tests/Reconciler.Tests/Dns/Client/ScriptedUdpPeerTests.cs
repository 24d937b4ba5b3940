using System.Net;
using System.Net.Sockets;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;

namespace Reconciler.Tests.Dns.Client;

/// <summary>
/// Behaviour no installed server shows on demand, from a scripted UDP peer on 127.0.0.1: stray and spoofed-looking
/// datagrams are ignored, and a server from before EDNS (FORMERR without OPT) is asked again without it.
/// </summary>
public sealed class ScriptedUdpPeerTests : IDisposable
{
    private static readonly DnsName Name = DnsName.Parse("www.example.test.");
    private readonly Socket _peer = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public ScriptedUdpPeerTests() => _peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    private DnsServerAddress Address => new("127.0.0.1", ((IPEndPoint)_peer.LocalEndPoint!).Port);

    public void Dispose() => _peer.Dispose();

    [Fact]
    public async Task Datagrams_with_another_id_or_question_are_ignored()
    {
        var serve = Task.Run(async () =>
        {
            var (request, from) = await ReceiveAsync();
            await SendAsync(Answer(request) with { Id = (ushort)(request.Id + 1) }, from);
            await SendAsync(Answer(request) with { Questions = [new DnsQuestion(DnsName.Parse("other.example.test."), RecordType.A)] }, from);
            await SendAsync(Answer(request), from);
        });
        var client = new DnsClient(Address, new DnsClientOptions { Timeout = TimeSpan.FromSeconds(5) });
        var response = await client.QueryAsync(Name, RecordType.A);
        await serve;
        response.Answers.Single().Data.Should().Be(AData.Parse("192.0.2.1"));
    }

    [Fact]
    public async Task A_server_without_edns_is_asked_again_without_the_opt_record()
    {
        var serve = Task.Run(async () =>
        {
            var (first, from) = await ReceiveAsync();
            first.Edns.Should().NotBeNull();
            await SendAsync(new DnsMessage { Id = first.Id, IsResponse = true, ResponseCode = DnsResponseCode.FormErr, Questions = first.Questions }, from);
            var (second, from2) = await ReceiveAsync();
            second.Edns.Should().BeNull();
            await SendAsync(Answer(second), from2);
        });
        var response = await new DnsClient(Address).QueryAsync(Name, RecordType.A);
        await serve;
        response.ResponseCode.Should().Be(DnsResponseCode.NoError);
        response.Answers.Should().ContainSingle();
    }

    [Fact]
    public async Task A_malformed_response_is_reported_as_such()
    {
        var serve = Task.Run(async () =>
        {
            var (request, from) = await ReceiveAsync();
            var bytes = Answer(request).Encode();
            await _peer.SendToAsync(bytes.AsMemory(0, bytes.Length - 3), from);
        });
        var act = () => new DnsClient(Address).QueryAsync(Name, RecordType.A);
        (await act.Should().ThrowAsync<DnsException>()).Which.Message.Should().StartWith($"{Address} sent a malformed response: ");
        await serve;
    }

    private static DnsMessage Answer(DnsMessage request) => new()
    {
        Id = request.Id,
        IsResponse = true,
        IsAuthoritative = true,
        Questions = request.Questions,
        Answers = [new MessageRecord(Name, RecordType.A, DnsClass.IN, 60, AData.Parse("192.0.2.1"))],
    };

    private async Task<(DnsMessage Request, EndPoint From)> ReceiveAsync()
    {
        var buffer = new byte[DnsMessage.MaxLength];
        var result = await _peer.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0)).WaitAsync(TimeSpan.FromSeconds(10));
        return (DnsMessage.Decode(buffer.AsSpan(0, result.ReceivedBytes)), result.RemoteEndPoint);
    }

    private async Task SendAsync(DnsMessage message, EndPoint to) => await _peer.SendToAsync(message.Encode(), to);
}
