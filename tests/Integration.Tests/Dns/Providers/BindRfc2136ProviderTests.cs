using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Providers;

namespace Reconciler.Integration.Tests.Dns.Providers;

public sealed class BindRfc2136ProviderTests(BindFixture fixture) : Rfc2136ProviderTests, IClassFixture<BindFixture>
{
    protected override DnsTestServer Server => fixture.Server;

    protected override string WrongKeyVerdict => "rejected our TSIG signature (BADSIG)";

    protected override string NoKeyRcode => "(REFUSED)";

    [Fact]
    public async Task A_cname_beside_other_data_that_bind_silently_ignores_is_caught_by_verification()
    {
        var zone = Server.NextZone();
        var provider = Provider(verifySeconds: 0.5);
        var cname = new RecordSet(DnsName.Parse("www", zone), RecordType.CNAME, 300, [CnameData.Parse("mail", zone)]);

        var act = () => provider.ApplyAsync(zone, null, cname, CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("still does not serve it").And.Contain("CNAME beside other data");
    }
}
