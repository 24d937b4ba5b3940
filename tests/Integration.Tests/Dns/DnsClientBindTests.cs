using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;
using Reconciler.Integration.Tests.Dns.Servers;
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
    public async Task Transfers_a_zone_with_tsig()
    {
        var zone = Server.NextZone();
        var live = await Server.SignedClient().TransferZoneAsync(zone);
        live.Records.Should().HaveCount(14);
        live.Records.Should().Contain(r => r.Type == new RecordType(65280));
    }
}
