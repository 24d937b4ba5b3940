using Reconciler.Integration.Tests.Dns.Servers;

namespace Reconciler.Integration.Tests.Dns.Providers;

public sealed class KnotRfc2136ProviderTests(KnotFixture fixture) : Rfc2136ProviderTests, IClassFixture<KnotFixture>
{
    protected override DnsTestServer Server => fixture.Server;

    protected override string WrongKeyVerdict => "rejected our TSIG signature (BADSIG)";

    // Knot answers NOTAUTH where BIND answers REFUSED (hard-coded in its ACL check).
    protected override string NoKeyRcode => "NOTAUTH";
}
