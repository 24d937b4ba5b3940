using Reconciler.Integration.Tests.Dns.Servers;

namespace Reconciler.Integration.Tests.Dns.Providers;

public sealed class PowerDnsRfc2136ProviderTests(PowerDnsFixture fixture) : Rfc2136ProviderTests, IClassFixture<PowerDnsFixture>
{
    protected override DnsTestServer Server => fixture.Server;

    // PowerDNS answers a wrong secret with an unsigned REFUSED, not BADSIG.
    protected override string WrongKeyVerdict => "answered REFUSED without a TSIG signature";

    protected override string NoKeyRcode => "(REFUSED)";

    // PowerDNS keeps no history of dynamic updates: it answers an IXFR with the whole zone (RFC 1995 allows it).
    protected override bool ServesIncrementalTransfers => false;
}
