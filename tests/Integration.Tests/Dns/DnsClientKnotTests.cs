using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;
using Reconciler.Integration.Tests.Dns.Servers;

namespace Reconciler.Integration.Tests.Dns;

/// <summary>Our client against Knot, which answers refusals with NOTAUTH and signs its own way.</summary>
public sealed class DnsClientKnotTests(KnotFixture fixture) : IClassFixture<KnotFixture>
{
    private KnotServer Server => fixture.Server;

    [Fact]
    public async Task Transfers_and_updates_with_tsig()
    {
        var zone = Server.NextZone();
        var client = Server.SignedClient();
        var before = await client.TransferZoneAsync(zone);
        before.Records.Should().HaveCount(14);

        await client.UpdateAsync(new DnsUpdate(zone).Add(new ResourceRecord(DnsName.Parse("knot", zone), 60, TxtData.FromValue("hello"))));
        var after = await client.TransferZoneAsync(zone);
        after.SoaData.Serial.Should().Be(before.SoaData.Serial + 1);
        after.Records.Should().Contain(new ResourceRecord(DnsName.Parse("knot", zone), 60, TxtData.FromValue("hello")));
    }

    [Fact]
    public async Task A_refusal_arrives_as_notauth_and_says_what_to_check()
    {
        var zone = Server.NextZone();
        var transfer = () => Server.Client().TransferAsync(zone);
        var error = (await transfer.Should().ThrowAsync<DnsResponseException>()).Which;
        error.ResponseCode.Should().Be(DnsResponseCode.NotAuth);
        error.Message.Should().Contain("Knot and PowerDNS answer NOTAUTH where BIND answers REFUSED").And.Contain("allow-transfer / TSIG key name");

        var update = () => Server.Client().UpdateAsync(new DnsUpdate(zone).DeleteRecordSet(DnsName.Parse("www", zone), RecordType.A));
        (await update.Should().ThrowAsync<DnsResponseException>()).Which.Message.Should().Contain("allow-update / TSIG key name");
    }

    [Fact]
    public async Task A_wrong_secret_is_badsig()
    {
        var zone = Server.NextZone();
        var act = () => Server.Client(DnsTestServer.WrongKey).TransferAsync(zone);
        (await act.Should().ThrowAsync<TsigException>()).Which.TsigError.Should().Be(DnsResponseCode.BadSig);
    }

    [Fact]
    public async Task Our_axfr_equals_dig_axfr()
    {
        var zone = Server.NextZone();
        var ours = await Server.SignedClient().TransferZoneAsync(zone);
        var digs = await Server.DigAxfrAsync(zone);
        ours.RecordSets.Should().Equal(digs.RecordSets);
    }
}
