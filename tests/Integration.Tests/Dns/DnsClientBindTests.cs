using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.Wire;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Dns;

/// <summary>Our client against a real BIND: queries, AXFR, UPDATE, TSIG, and the errors a person must be able to act on.</summary>
public sealed class DnsClientBindTests(BindFixture fixture, ITestOutputHelper output) : IClassFixture<BindFixture>
{
    private BindServer Server => fixture.Server;

    [Fact]
    public async Task Queries_over_udp_and_reads_the_answer()
    {
        var zone = Server.NextZone();
        output.WriteLine($"{Server} started in {Server.StartupTime.TotalMilliseconds:0} ms");
        var response = await Server.Client().QueryAsync(zone, RecordType.MX);
        response.ResponseCode.Should().Be(DnsResponseCode.NoError);
        response.IsAuthoritative.Should().BeTrue();
        response.Answers.Should().ContainSingle().Which.Data.Should().Be(MxData.Parse("10 mail", zone));
    }

    [Fact]
    public async Task Queries_over_ipv6()
    {
        var zone = Server.NextZone();
        var client = new DnsClient(DnsServerAddress.Parse($"[::1]:{Server.Port}"), new DnsClientOptions { Timeout = TimeSpan.FromSeconds(2) });
        var response = await client.QueryAsync(DnsName.Parse("www", zone), RecordType.A);
        response.Answers.Should().ContainSingle().Which.Data.Should().Be(AData.Parse("192.0.2.10"));

        var axfr = await new DnsClient(client.Server, new DnsClientOptions { TsigKey = DnsTestServer.Key }).TransferZoneAsync(zone);
        axfr.Records.Should().HaveCount(14);
    }

    [Fact]
    public async Task A_truncated_udp_answer_is_asked_again_over_tcp()
    {
        var name = DnsName.Parse("large", TestZones.Big);
        var response = await Server.Client().QueryAsync(name, RecordType.TXT);
        response.IsTruncated.Should().BeFalse();
        response.Answers.Should().HaveCount(12, "12 TXT records of 200 octets do not fit in 1,232 octets, so this came over TCP");
    }

    [Fact]
    public async Task Transfers_a_zone_with_tsig_including_unknown_types()
    {
        var zone = Server.NextZone();
        var live = await Server.SignedClient().TransferZoneAsync(zone);
        live.Records.Should().HaveCount(14);
        live.Records.Should().ContainSingle(r => r.Type == new RecordType(65280)).Which.Data.ToPresentation().Should().Be("\\# 4 DEADBEEF");
    }

    [Fact]
    public async Task Transfers_to_the_same_server_reuse_idle_tcp_connections()
    {
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, Server.Port));
        var client = new DnsClient(new DnsServerAddress("127.0.0.1", relay.Port), new DnsClientOptions { TsigKey = DnsTestServer.Key });
        var zones = new[] { Server.NextZone(), Server.NextZone(), Server.NextZone() };

        foreach (var zone in zones.Concat(zones))
        {
            (await client.TransferAsync(zone)).Should().HaveCount(15, "the standard zone, SOA included");
        }

        relay.Accepted.Should().Be(1, "six transfers one after another share one connection");
        client.TcpConnectionsOpened.Should().Be(1);

        // Big and multi-message transfers, four at once: no more connections than transfers in flight.
        for (var round = 0; round < 3; round++)
        {
            var all = await Task.WhenAll(zones.Append(TestZones.Big).Select(z => client.TransferAsync(z)));
            all.Select(r => r.Count).Should().Equal(15, 15, 15, TestZones.BigHosts + 16);
        }

        relay.Accepted.Should().BeLessThanOrEqualTo(4);
        client.TcpConnectionsOpened.Should().Be(relay.Accepted);
    }

    [Fact]
    public async Task A_connection_the_server_closed_while_idle_is_replaced_and_the_transfer_succeeds()
    {
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, Server.Port));
        var client = new DnsClient(new DnsServerAddress("127.0.0.1", relay.Port), new DnsClientOptions { TsigKey = DnsTestServer.Key });
        var zone = Server.NextZone();
        (await client.TransferAsync(zone)).Should().HaveCount(15);

        relay.CloseAll();
        (await client.TransferAsync(zone)).Should().HaveCount(15, "the closed idle connection is not an answer; a fresh one is");

        client.TcpConnectionsOpened.Should().Be(2);
        relay.Accepted.Should().Be(2);
    }

    [Fact]
    public async Task Idle_connections_are_not_kept_past_their_timeout_or_when_reuse_is_off()
    {
        var zone = Server.NextZone();
        var off = new DnsClient(Server.Address, new DnsClientOptions { TsigKey = DnsTestServer.Key, MaxIdleConnections = 0 });
        await off.TransferAsync(zone);
        await off.TransferAsync(zone);
        off.TcpConnectionsOpened.Should().Be(2);

        var clock = new ManualClock();
        var timed = new DnsClient(Server.Address, new DnsClientOptions { TsigKey = DnsTestServer.Key, Clock = clock, IdleConnectionTimeout = TimeSpan.FromSeconds(3) });
        await timed.TransferAsync(zone);
        clock.Advance(TimeSpan.FromSeconds(2));
        await timed.TransferAsync(zone);
        timed.TcpConnectionsOpened.Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(3));
        await timed.TransferAsync(zone);
        timed.TcpConnectionsOpened.Should().Be(2, "the idle connection had expired");
    }

    [Fact]
    public async Task A_multi_message_transfer_verifies_tsig_on_every_message()
    {
        var clock = Stopwatch.StartNew();
        var records = await Server.SignedClient().TransferAsync(TestZones.Big);
        output.WriteLine($"AXFR of {records.Count} records (several 64 KB messages, each TSIG-checked) in {clock.ElapsedMilliseconds} ms");
        records.Should().HaveCount(1 + 1 + 1 + TestZones.BigHosts + 1 + 12);
        records.Select(r => r.Name).Distinct().Should().HaveCount(1 + 1 + TestZones.BigHosts + 2);
    }

    [Fact]
    public async Task Our_axfr_equals_dig_axfr_read_with_our_presentation_reader()
    {
        foreach (var zone in new[] { TestZones.Rich, Server.NextZone() })
        {
            var ours = await Server.SignedClient().TransferZoneAsync(zone);
            var digs = await Server.DigAxfrAsync(zone);
            ours.Soa.Should().Be(digs.Soa);
            ours.RecordSets.Should().Equal(digs.RecordSets, $"dig and we must read the same {zone}");
        }

        var rich = await Server.SignedClient().TransferZoneAsync(TestZones.Rich);
        rich.Records.Should().Contain(r => r.Name == DnsName.Parse("xn--bcher-kva.rich.bind.test."));
        rich.Records.Should().Contain(r => r.Type == new RecordType(65281) && r.Data.ToWire().Length == 0);
        rich.Records.Single(r => r.Name == DnsName.Parse("long.rich.bind.test.")).Data.As<TxtData>().Strings.Should().HaveCount(2);
    }

    [Fact]
    public async Task Our_axfr_equals_dig_axfr_in_rfc3597_form_for_a_big_zone_with_a_type_we_do_not_know()
    {
        var ours = await Server.SignedClient().TransferZoneAsync(TestZones.Big);
        var digs = await Server.DigAxfrAsync(TestZones.Big, unknownFormat: true);
        ours.RecordSets.Should().Equal(digs.RecordSets);
        ours.Records.Should().ContainSingle(r => r.Type == new RecordType(13)).Which.ToPresentation().Should().Be("hinfo.big.bind.test. 300 IN TYPE13 \\# 9 025043054C696E7578");
    }

    [Fact]
    public async Task Our_update_has_the_same_effect_as_nsupdate()
    {
        var ours = Server.NextZone();
        var theirs = Server.NextZone();
        var serialBefore = await Server.SerialAsync(ours);

        var update = new DnsUpdate(ours)
            .RequireRecordSet(Set(ours, "www", "A", 300, "192.0.2.10"))
            .DeleteRecordSet(DnsName.Parse("www", ours), RecordType.A)
            .AddRecordSet(Set(ours, "www", "A", 600, "192.0.2.11", "192.0.2.12"))
            .DeleteRecordSet(DnsName.Parse("_dmarc", ours), RecordType.TXT)
            .RequireNoRecordSet(DnsName.Parse("new", ours), RecordType.TXT)
            .AddRecordSet(Set(ours, "new", "TXT", 300, "\"say \\\"hi\\\"\" \"\\195\\188\" \"\"", "\"" + new string('z', 300) + "\""))
            .AddRecordSet(Set(ours, "@", "CAA", 300, "0 issuewild \"ca.example; account=\\\"x\\\"\""))
            .DeleteRecord(new ResourceRecord(ours, 300, TxtData.Parse("\"v=spf1 -all\"")))
            .Add(new ResourceRecord(ours, 300, TxtData.Parse("\"v=spf1 mx -all\"")));
        await Server.SignedClient().UpdateAsync(update);

        var w = theirs.ToString();
        var script = $"""
            prereq yxrrset www.{w} A 192.0.2.10
            update delete www.{w} A
            update add www.{w} 600 A 192.0.2.11
            update add www.{w} 600 A 192.0.2.12
            update delete _dmarc.{w} TXT
            prereq nxrrset new.{w} TXT
            update add new.{w} 300 TXT "say \"hi\"" "\195\188" ""
            update add new.{w} 300 TXT "{new string('z', 255)}" "{new string('z', 45)}"
            update add {w} 300 CAA 0 issuewild "ca.example; account=\"x\""
            update delete {w} TXT "v=spf1 -all"
            update add {w} 300 TXT "v=spf1 mx -all"
            """;
        var result = await Server.NsUpdateAsync(theirs, script);
        result.ExitCode.Should().Be(0, result.Output);

        var a = await Server.SignedClient().TransferZoneAsync(ours);
        var b = await Server.SignedClient().TransferZoneAsync(theirs);
        Relative(a).Should().Equal(Relative(b));
        a.SoaData.Serial.Should().Be(b.SoaData.Serial).And.Be(serialBefore + 1);
        Relative(a).Should().Contain("new 300 IN TXT \"say \\\"hi\\\"\" \"\\195\\188\" \"\"");
    }

    [Fact]
    public async Task A_failed_prerequisite_changes_nothing_and_says_so()
    {
        var zone = Server.NextZone();
        var before = await Server.SignedClient().TransferZoneAsync(zone);
        var update = new DnsUpdate(zone)
            .RequireRecordSet(Set(zone, "www", "A", 300, "192.0.2.99"))
            .DeleteRecordSet(DnsName.Parse("www", zone), RecordType.A);
        var act = () => Server.SignedClient().UpdateAsync(update);
        var error = (await act.Should().ThrowAsync<DnsResponseException>()).Which;
        error.ResponseCode.Should().Be(DnsResponseCode.NXRRSet);
        error.IsPrerequisiteFailure.Should().BeTrue();
        error.Message.Should().Contain("prerequisite failed (NXRRSET)");
        (await Server.SignedClient().TransferZoneAsync(zone)).RecordSets.Should().Equal(before.RecordSets);
    }

    [Fact]
    public async Task A_wrong_tsig_secret_gives_a_one_line_error_and_changes_nothing()
    {
        var zone = Server.NextZone();
        var before = await Server.SignedClient().TransferZoneAsync(zone);
        var client = Server.Client(DnsTestServer.WrongKey);

        var update = () => client.UpdateAsync(new DnsUpdate(zone).Add(new ResourceRecord(DnsName.Parse("evil", zone), 300, AData.Parse("192.0.2.66"))));
        var error = (await update.Should().ThrowAsync<TsigException>()).Which;
        output.WriteLine(error.Message);
        error.TsigError.Should().Be(DnsResponseCode.BadSig);
        error.Message.Should().Be($"127.0.0.1:{Server.Port} rejected our TSIG signature (BADSIG): its secret for TSIG key testkey (hmac-sha256) differs from ours; check the tsigKey secret");
        error.Message.Should().NotContain(DnsTestServer.WrongSecret).And.NotContain(DnsTestServer.Secret);

        var transfer = () => client.TransferAsync(zone);
        (await transfer.Should().ThrowAsync<TsigException>()).Which.Message.Should().Contain("BADSIG").And.NotContain("\n");
        (await Server.SignedClient().TransferZoneAsync(zone)).RecordSets.Should().Equal(before.RecordSets);
    }

    [Fact]
    public async Task An_unknown_key_name_is_reported_as_badkey()
    {
        var zone = Server.NextZone();
        var client = Server.Client(TsigKey.Parse($"otherkey:hmac-sha256:{DnsTestServer.Secret}"));
        var act = () => client.TransferAsync(zone);
        var error = (await act.Should().ThrowAsync<TsigException>()).Which;
        output.WriteLine(error.Message);
        error.TsigError.Should().Be(DnsResponseCode.BadKey);
        error.Message.Should().Contain("does not know TSIG key otherkey (hmac-sha256) (BADKEY)");
    }

    [Fact]
    public async Task An_update_without_a_key_is_refused_with_advice_and_changes_nothing()
    {
        var zone = Server.NextZone();
        var before = await Server.SignedClient().TransferZoneAsync(zone);
        var act = () => Server.Client().UpdateAsync(new DnsUpdate(zone).DeleteRecordSet(DnsName.Parse("www", zone), RecordType.A));
        var error = (await act.Should().ThrowAsync<DnsResponseException>()).Which;
        output.WriteLine(error.Message);
        error.ResponseCode.Should().Be(DnsResponseCode.Refused);
        error.Message.Should().StartWith($"127.0.0.1:{Server.Port} refused the update of zone {zone} (REFUSED): the server refused: check allow-update / TSIG key name").And.NotContain("\n");
        (await Server.SignedClient().TransferZoneAsync(zone)).RecordSets.Should().Equal(before.RecordSets);

        var transfer = () => Server.Client().TransferAsync(zone);
        (await transfer.Should().ThrowAsync<DnsResponseException>()).Which.Message.Should().Contain("check allow-transfer / TSIG key name");
    }

    [Fact]
    public async Task A_server_that_is_down_gives_a_one_line_error_quickly()
    {
        var closed = new DnsClient(new DnsServerAddress("127.0.0.1", FreePort.Next()), new DnsClientOptions { TsigKey = DnsTestServer.Key, Timeout = TimeSpan.FromSeconds(2) });
        var clock = Stopwatch.StartNew();
        var query = () => closed.QueryAsync(DnsName.Parse("example.test."), RecordType.SOA);
        var error = (await query.Should().ThrowAsync<DnsException>()).Which;
        output.WriteLine(error.Message);
        error.Message.Should().StartWith("nothing answers DNS at 127.0.0.1:").And.Contain("connection refused").And.NotContain("\n");

        var transfer = () => closed.TransferAsync(DnsName.Parse("example.test."));
        (await transfer.Should().ThrowAsync<DnsException>()).Which.Message.Should().StartWith("nothing answers DNS over TCP at 127.0.0.1:");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "a refused port is reported at once, not after the timeouts");
    }

    [Fact]
    public async Task A_silent_server_times_out_after_the_retries_and_cancellation_is_prompt()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = new DnsServerAddress("127.0.0.1", ((IPEndPoint)silent.LocalEndPoint!).Port);
        var client = new DnsClient(address, new DnsClientOptions { Timeout = TimeSpan.FromMilliseconds(100), UdpAttempts = 3 });

        var clock = Stopwatch.StartNew();
        var act = () => client.QueryAsync(DnsName.Parse("example.test."), RecordType.SOA);
        (await act.Should().ThrowAsync<DnsException>()).Which.Message.Should().Be($"{address} did not answer within 3 tries of 0.1 s: check that the server runs and the address and port are right");
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(250));

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var patient = new DnsClient(address, new DnsClientOptions { Timeout = TimeSpan.FromSeconds(30) });
        clock.Restart();
        var cancelled = () => patient.QueryAsync(DnsName.Parse("example.test."), RecordType.SOA, cts.Token);
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_hmac_sha512_key_transfers_and_updates()
    {
        var zone = Server.NextZone();
        var client = Server.Client(TsigKey.Parse($"{BindServer.Sha512KeyName}:hmac-sha512:{BindServer.Sha512Secret}"));
        await client.UpdateAsync(new DnsUpdate(zone).Add(new ResourceRecord(DnsName.Parse("sha512", zone), 60, AData.Parse("192.0.2.51"))));
        (await client.TransferZoneAsync(zone)).Records.Should().Contain(r => r.Name == DnsName.Parse("sha512", zone));
    }

    [Fact]
    public async Task An_hmac_md5_key_may_read_but_not_sign_updates()
    {
        var zone = Server.NextZone();
        var client = Server.Client(TsigKey.Parse($$"""key "{{BindServer.Md5KeyName}}" { algorithm hmac-md5; secret "{{BindServer.Md5Secret}}"; };"""));
        (await client.TransferZoneAsync(zone)).Records.Should().HaveCount(14, "an old server's md5-signed transfer verifies");

        var before = await Server.SignedClient().TransferZoneAsync(zone);
        var act = () => client.UpdateAsync(new DnsUpdate(zone).DeleteRecordSet(DnsName.Parse("www", zone), RecordType.A));
        (await act.Should().ThrowAsync<DnsException>()).Which.Message.Should().Contain("may only be used to read");
        (await Server.SignedClient().TransferZoneAsync(zone)).RecordSets.Should().Equal(before.RecordSets);
    }

    private static RecordSet Set(DnsName zone, string name, string type, uint ttl, params string[] data)
    {
        var t = RecordType.Parse(type);
        return new RecordSet(DnsName.Parse(name, zone), t, ttl, data.Select(d => RecordData.Parse(t, d, zone)));
    }

    private static List<string> Relative(Zone zone) =>
        zone.Records.Select(r => r.ToPresentation(zone.Origin)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Real wall-clock time (TSIG signatures need it) with a monotonic timestamp the test moves forward.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _offset;

        public void Advance(TimeSpan by) => _offset += (long)(by.TotalSeconds * TimestampFrequency);

        public override long GetTimestamp() => base.GetTimestamp() + _offset;
    }
}
