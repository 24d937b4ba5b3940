using Reconciler.Dns;
using Reconciler.Integration.Tests.Dns.Servers;

namespace Reconciler.Integration.Tests.Dns.Cli;

/// <summary>
/// `reconciler import --provider NAME --domain D` through the binary against real servers: BIND through the rfc2136
/// provider (AXFR) and PowerDNS through its API. The manifest it prints must validate and, used as the domain's
/// manifest, plan with no changes: that is what onboarding a domain that is already served relies on.
/// </summary>
public sealed class DnsImportCliTests(BindFixture bind, PowerDnsFixture pdns)
    : IClassFixture<BindFixture>, IClassFixture<PowerDnsFixture>
{
    [Theory]
    [InlineData("bind")]
    [InlineData("pdns-api")]
    public async Task An_imported_manifest_validates_and_plans_with_no_changes(string configuration)
    {
        using var p = configuration switch
        {
            "bind" => DnsCliPortfolio.Rfc2136(bind.Server, bind.Server.NextZone()),
            "pdns-api" => DnsCliPortfolio.PowerDnsApi(pdns.Server, pdns.Server.NextZone()),
            _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, "no such configuration"),
        };
        var before = await p.Server.DigAxfrAsync(p.Zone);

        var import = await p.RunAsync("import", "--provider", "dns", "--domain", p.Domain);
        import.ExitCode.Should().Be(0, import.Output);
        var yaml = import.StdOut;
        yaml.Should().Contain($"domain: {p.Domain}").And.Contain("type: CAA").And.Contain("type: SRV").And.Contain("type: TLSA");
        if (configuration == "bind")
        {
            // An AXFR carries the standard zone's private type too; a manifest cannot hold it, the planner leaves it alone.
            yaml.Should().Contain("  #   private 300 TYPE65280 \\# 4 DEADBEEF\n").And.NotContain("type: TYPE65280");
        }

        p.WriteManifest(yaml);

        var validate = await p.RunAsync("validate");
        validate.ExitCode.Should().Be(0, validate.Output + "\n--- manifest ---\n" + yaml);

        var plan = await p.RunAsync("plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.Output + "\n--- manifest ---\n" + yaml);
        plan.StdOut.Should().Contain("No changes");

        // Importing and planning read only: the zone is as it was.
        var after = await p.Server.DigAxfrAsync(p.Zone);
        after.Soa.Should().Be(before.Soa);
        after.Records.Should().BeEquivalentTo(before.Records);
    }

    /// <summary>
    /// The wire corpus zone (escapes, IDN, wildcard, unknown types, a DKIM record whose key is counting bytes) imports;
    /// what a manifest cannot hold is said in comments, and validate's only objection is about the live data itself.
    /// </summary>
    [Fact]
    public async Task The_rich_zone_imports_saying_what_a_manifest_cannot_hold()
    {
        using var p = DnsCliPortfolio.Rfc2136(bind.Server, TestZones.Rich);
        var import = await p.RunAsync("import", "--provider", "dns", "--domain", p.Domain);
        import.ExitCode.Should().Be(0, import.Output);
        var yaml = import.StdOut;
        yaml.Should().Contain("  #   private 3600 TYPE65280 \\# 4 DEADBEEF\n").And.Contain("  #   private-empty 3600 TYPE65281 \\# 0\n");
        yaml.Should().MatchRegex(@"name: ""escapes"".*# the live value is not valid UTF-8");
        yaml.Should().Contain("{ name: \"*.wild\", type: A, value: \"192.0.2.81\" }").And.Contain("{ name: \"a\\\\.b\", type: TXT, value: \"dot in a label\" }");
        p.WriteManifest(yaml);

        var validate = await p.RunAsync("validate");
        validate.ExitCode.Should().Be(1, validate.Output);
        validate.Output.Should().Contain("error DKIM006").And.Contain("1 error,", "the corpus's DKIM key is not a key; nothing else is wrong\n" + yaml);
    }
}
