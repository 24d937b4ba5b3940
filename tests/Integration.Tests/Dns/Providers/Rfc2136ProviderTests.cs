using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.ZoneFiles;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Providers;
using Reconciler.Providers.Rfc2136;
using Reconciler.Tests.Common;
using Reconciler.Tests.Contracts;

namespace Reconciler.Integration.Tests.Dns.Providers;

/// <summary>
/// The rfc2136 provider against one real server: the shared provider contract, plus what is particular to DNS
/// UPDATE: hand edits made with nsupdate between plan and apply, the SOA short-circuit on reads, the errors of a
/// wrong key, no key and a dead server, and verification on every listed name server.
/// </summary>
public abstract class Rfc2136ProviderTests : DnsProviderContract
{
    protected abstract DnsTestServer Server { get; }

    protected Rfc2136Provider Provider(TsigKey? key = null, bool noKey = false, IReadOnlyList<DnsServerAddress>? nameServers = null, double verifySeconds = 10) =>
        new("dns", new Rfc2136Settings(Server.Address)
        {
            NameServers = nameServers ?? [Server.Address],
            VerifyDeadline = TimeSpan.FromSeconds(verifySeconds),
            Timeout = TimeSpan.FromSeconds(2),
        }, noKey ? null : key ?? DnsTestServer.Key);

    protected override Task<(IDnsProvider Provider, DnsName Zone)> CreateAsync() =>
        Task.FromResult<(IDnsProvider, DnsName)>((Provider(), Server.NextEmptyZone()));

    [Fact]
    public async Task Reads_a_zone_as_its_file_says_unknown_types_included()
    {
        var zone = Server.NextZone();
        var live = await Provider().ReadZoneAsync(zone, CancellationToken.None);
        var file = ZoneFileReader.Read(DnsTestServer.StandardZone(zone), "standard.zone", zone);

        live!.RecordSets.Where(s => s.Type != RecordType.SOA).Should().Equal(file.RecordSets);
        live.RecordSets.Should().ContainSingle(s => s.Type == RecordType.SOA);
        live.RecordSets.Should().ContainSingle(s => s.Type == new RecordType(65280));
    }

    [Fact]
    public async Task A_zone_the_server_does_not_serve_reads_as_absent_and_cannot_be_created()
    {
        var provider = Provider();
        var missing = DnsName.Parse($"missing-{Guid.NewGuid():N}.test.");
        (await provider.ReadZoneAsync(missing, CancellationToken.None)).Should().BeNull();

        var act = () => provider.CreateZoneAsync(missing, CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should()
            .Contain("cannot create zones: create it on the server").And.NotContain("\n");

        await provider.CreateZoneAsync(Server.NextZone(), CancellationToken.None); // exists: nothing to do
    }

    [Fact]
    public async Task A_record_set_changed_with_nsupdate_between_plan_and_apply_is_not_overwritten()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        var planned = (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets.Single(s => s.Name == DnsName.Parse("www", zone) && s.Type == RecordType.A);
        var wanted = new RecordSet(planned.Name, RecordType.A, 300, [AData.Parse("192.0.2.20")]);

        (await Server.NsUpdateAsync(zone, $"update delete www.{zone} A\nupdate add www.{zone} 300 A 192.0.2.77")).ExitCode.Should().Be(0);

        var act = () => provider.ApplyAsync(zone, planned, wanted, CancellationToken.None);
        var error = (await act.Should().ThrowAsync<ChangedSincePlanException>()).Which;
        error.Message.Should().Be($"A www in {zone} changed since plan: expected 192.0.2.10 (ttl 300), found 192.0.2.77 (ttl 300); run plan again");
        (await Server.Client().QueryAsync(planned.Name, RecordType.A)).Answers.Single().Data.Should().Be(AData.Parse("192.0.2.77"));
    }

    [Fact]
    public async Task A_record_set_created_with_nsupdate_since_the_plan_is_not_overwritten()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        (await Server.NsUpdateAsync(zone, $"update add new.{zone} 300 TXT \"by hand\"")).ExitCode.Should().Be(0);
        var wanted = new RecordSet(DnsName.Parse("new", zone), RecordType.TXT, 300, [TxtData.FromValue("from the plan")]);

        var act = () => provider.ApplyAsync(zone, null, wanted, CancellationToken.None);
        (await act.Should().ThrowAsync<ChangedSincePlanException>()).Which.Message.Should().Contain("expected nothing, found \"by hand\" (ttl 300)");
    }

    [Fact]
    public async Task A_ttl_changed_by_hand_counts_as_changed()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        var planned = (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets.Single(s => s.Name == DnsName.Parse("mail", zone) && s.Type == RecordType.A);
        (await Server.NsUpdateAsync(zone, $"update delete mail.{zone} A\nupdate add mail.{zone} 900 A 192.0.2.25")).ExitCode.Should().Be(0);

        var act = () => provider.ApplyAsync(zone, planned, null, CancellationToken.None);
        (await act.Should().ThrowAsync<ChangedSincePlanException>()).Which.Message.Should().Contain("(ttl 900)");
    }

    [Fact]
    public async Task Reading_an_unchanged_zone_asks_only_for_the_soa()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        var first = await provider.ReadZoneAsync(zone, CancellationToken.None);
        var second = await provider.ReadZoneAsync(zone, CancellationToken.None);
        provider.TransferCount.Should().Be(1);
        second.Should().BeSameAs(first);

        (await Server.NsUpdateAsync(zone, $"update add drift.{zone} 300 A 192.0.2.200")).ExitCode.Should().Be(0);
        var third = await provider.ReadZoneAsync(zone, CancellationToken.None);
        (provider.TransferCount + provider.IncrementalTransferCount).Should().Be(2, "the serial moved");
        third!.RecordSets.Should().Contain(s => s.Name == DnsName.Parse("drift", zone));
    }

    [Fact]
    public async Task A_moved_serial_is_caught_up_by_ixfr_and_reads_as_a_full_transfer_would()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        await provider.ReadZoneAsync(zone, CancellationToken.None);

        // Three versions later: an added set, a deleted record, a changed TTL, a replaced value.
        (await Server.NsUpdateAsync(zone, $"update add ixfr1.{zone} 300 A 192.0.2.201\nupdate add ixfr1.{zone} 300 A 192.0.2.202")).ExitCode.Should().Be(0);
        (await Server.NsUpdateAsync(zone, $"update delete ixfr1.{zone} A 192.0.2.201\nupdate add ixfr2.{zone} 600 TXT \"v=one\"")).ExitCode.Should().Be(0);
        (await Server.NsUpdateAsync(zone, $"update delete ixfr2.{zone} TXT\nupdate add ixfr2.{zone} 60 TXT \"v=two\"")).ExitCode.Should().Be(0);
        var caughtUp = await provider.ReadZoneAsync(zone, CancellationToken.None);

        var full = await Server.SignedClient().TransferZoneAsync(zone);
        caughtUp!.RecordSets.Where(r => r.Type != RecordType.SOA).Select(r => r.ToString()).Should().BeEquivalentTo(full.RecordSets.Select(r => r.ToString()));
        if (ServesIncrementalTransfers)
        {
            provider.TransferCount.Should().Be(1, "only the first read was a full transfer");
            provider.IncrementalTransferCount.Should().Be(1);
        }
        else
        {
            provider.TransferCount.Should().Be(2, "the server answered the IXFR with the whole zone");
            provider.IncrementalTransferCount.Should().Be(0);
        }
    }

    [Fact]
    public async Task A_wrong_secret_fails_in_one_line_without_the_secret_and_changes_nothing()
    {
        var zone = Server.NextZone();
        var before = await Server.SignedClient().TransferZoneAsync(zone);
        var provider = Provider(DnsTestServer.WrongKey);
        var step = () => provider.ApplyAsync(zone, null, new RecordSet(DnsName.Parse("evil", zone), RecordType.A, 300, [AData.Parse("192.0.2.66")]), CancellationToken.None);

        var error = (await step.Should().ThrowAsync<ProviderException>()).Which;
        error.Message.Should().StartWith("dns: cannot change A evil in").And.Contain(WrongKeyVerdict).And.NotContain("\n");
        error.Message.Should().NotContain(DnsTestServer.WrongSecret).And.NotContain(DnsTestServer.Secret);
        (await Server.SignedClient().TransferZoneAsync(zone)).RecordSets.Should().Equal(before.RecordSets);

        var read = () => provider.ReadZoneAsync(Server.NextZone(), CancellationToken.None);
        (await read.Should().ThrowAsync<ProviderException>()).Which.Message.Should().StartWith("dns: cannot read zone").And.NotContain("\n");
    }

    [Fact]
    public async Task Without_a_key_the_server_refuses_and_nothing_changes()
    {
        var zone = Server.NextZone();
        var before = await Server.SignedClient().TransferZoneAsync(zone);
        var provider = Provider(noKey: true);
        var step = () => provider.ApplyAsync(zone, null, new RecordSet(DnsName.Parse("nokey", zone), RecordType.A, 300, [AData.Parse("192.0.2.67")]), CancellationToken.None);

        var error = (await step.Should().ThrowAsync<ProviderException>()).Which;
        error.Message.Should().Contain(NoKeyRcode).And.Contain("allow-update / TSIG key name").And.NotContain("\n");
        (await Server.SignedClient().TransferZoneAsync(zone)).RecordSets.Should().Equal(before.RecordSets);
    }

    [Fact]
    public async Task A_server_that_is_down_gives_one_actionable_line()
    {
        var provider = new Rfc2136Provider("dns", new Rfc2136Settings(new DnsServerAddress("127.0.0.1", FreePort.Next())), DnsTestServer.Key);
        var act = () => provider.ReadZoneAsync(DnsName.Parse("example.test."), CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should()
            .StartWith("dns: cannot read zone example.test.: nothing answers DNS over TCP at 127.0.0.1:", "a first read goes straight to AXFR").And.NotContain("\n");
    }

    [Fact]
    public async Task A_name_server_that_never_serves_the_change_fails_the_step_at_the_deadline()
    {
        var dead = new DnsServerAddress("127.0.0.1", FreePort.Next());
        var provider = Provider(nameServers: [Server.Address, dead], verifySeconds: 0.5);
        var zone = Server.NextZone();
        var set = new RecordSet(DnsName.Parse("verify", zone), RecordType.A, 300, [AData.Parse("192.0.2.5")]);

        var act = () => provider.ApplyAsync(zone, null, set, CancellationToken.None);
        var error = (await act.Should().ThrowAsync<ProviderException>()).Which;
        error.Message.Should().Contain($"but {dead} did not answer until the deadline of 0.5 s (last: nothing answers DNS at {dead}")
            .And.Contain("check that each server in the provider's nameServers runs").And.NotContain($"{Server.Address},").And.NotContain("\n");
        (await Server.Client().QueryAsync(set.Name, RecordType.A)).Answers.Should().ContainSingle("the primary took the change; only its spread is in doubt");
    }

    [Fact]
    public async Task Unmanaged_types_and_names_outside_the_zone_are_refused_before_anything_is_sent()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        var hinfo = new RecordSet(DnsName.Parse("h", zone), new RecordType(13), 300, [new UnknownData(new RecordType(13), [1, 0x41, 1, 0x42])]);
        var act = () => provider.ApplyAsync(zone, null, hinfo, CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("TYPE13 records are not managed");

        var outside = new RecordSet(DnsName.Parse("www.example.org."), RecordType.A, 300, [AData.Parse("192.0.2.1")]);
        var act2 = () => provider.ApplyAsync(zone, null, outside, CancellationToken.None);
        (await act2.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("is not in zone");
    }

    /// <summary>What the message says when the key's secret is wrong (servers differ: BADSIG, or an unsigned refusal).</summary>
    protected abstract string WrongKeyVerdict { get; }

    /// <summary>The response code a keyless update gets: REFUSED (BIND, PowerDNS) or NOTAUTH (Knot).</summary>
    protected abstract string NoKeyRcode { get; }

    /// <summary>Whether the server answers an IXFR with differences (it keeps a journal of dynamic updates).</summary>
    protected virtual bool ServesIncrementalTransfers => true;
}
