using System.Security.Cryptography;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Providers;

namespace Reconciler.Tests.Contracts;

/// <summary>
/// The contract every DNS provider passes, written once. A subclass supplies a provider and a zone that exists on
/// it (holding only SOA and apex NS); every test here then runs against that real system.
/// </summary>
public abstract class DnsProviderContract
{
    /// <summary>A provider and a fresh, existing, empty zone on it.</summary>
    protected abstract Task<(IDnsProvider Provider, DnsName Zone)> CreateAsync();

    private static RecordSet Set(DnsName zone, string name, string type, uint ttl, params string[] values)
    {
        var t = RecordType.Parse(type);
        return new RecordSet(
            DnsName.Parse(name, zone),
            t,
            ttl,
            values.Select(v => t == RecordType.TXT ? TxtData.FromValue(v) : RecordData.Parse(t, v, zone)));
    }

    private static async Task<RecordSet?> LiveSet(IDnsProvider provider, DnsName zone, RecordSet like)
    {
        var live = await provider.ReadZoneAsync(zone, CancellationToken.None);
        live.Should().NotBeNull();
        return live!.RecordSets.FirstOrDefault(s => s.Name == like.Name && s.Type == like.Type);
    }

    [Fact]
    public async Task Creates_updates_and_deletes_a_record_set()
    {
        var (provider, zone) = await CreateAsync();
        var v1 = Set(zone, "www", "A", 300, "192.0.2.1");
        var v2 = Set(zone, "www", "A", 600, "192.0.2.2", "192.0.2.3");

        await provider.ApplyAsync(zone, null, v1, CancellationToken.None);
        (await LiveSet(provider, zone, v1)).Should().Be(v1);

        await provider.ApplyAsync(zone, v1, v2, CancellationToken.None);
        (await LiveSet(provider, zone, v1)).Should().Be(v2);

        await provider.ApplyAsync(zone, v2, null, CancellationToken.None);
        (await LiveSet(provider, zone, v1)).Should().BeNull();
    }

    [Fact]
    public async Task Applying_the_same_step_twice_is_a_no_op()
    {
        var (provider, zone) = await CreateAsync();
        var set = Set(zone, "mail", "MX", 300, "10 mx1.example.net.", "20 mx2.example.net.");
        await provider.ApplyAsync(zone, null, set, CancellationToken.None);
        var after = await provider.ReadZoneAsync(zone, CancellationToken.None);

        await provider.ApplyAsync(zone, null, set, CancellationToken.None);
        var again = await provider.ReadZoneAsync(zone, CancellationToken.None);
        again!.RecordSets.Should().Equal(after!.RecordSets, "the second apply changes nothing, not even the SOA serial");

        await provider.ApplyAsync(zone, set, null, CancellationToken.None);
        await provider.ApplyAsync(zone, set, null, CancellationToken.None);
        (await LiveSet(provider, zone, set)).Should().BeNull();
    }

    [Fact]
    public async Task A_record_set_changed_since_the_plan_is_not_overwritten()
    {
        var (provider, zone) = await CreateAsync();
        var planned = Set(zone, "app", "A", 300, "192.0.2.10");
        var byHand = Set(zone, "app", "A", 300, "192.0.2.99");
        var wanted = Set(zone, "app", "A", 300, "192.0.2.20");
        await provider.ApplyAsync(zone, null, planned, CancellationToken.None);
        await provider.ApplyAsync(zone, planned, byHand, CancellationToken.None); // someone edits by hand

        var act = () => provider.ApplyAsync(zone, planned, wanted, CancellationToken.None);
        (await act.Should().ThrowAsync<ChangedSincePlanException>()).Which.Message.Should().Contain("changed since plan");
        (await LiveSet(provider, zone, planned)).Should().Be(byHand);

        var create = () => provider.ApplyAsync(zone, null, wanted, CancellationToken.None);
        await create.Should().ThrowAsync<ChangedSincePlanException>("a create expects nothing there");
    }

    [Fact]
    public async Task Apex_soa_and_ns_are_never_changed()
    {
        var (provider, zone) = await CreateAsync();
        var live = await provider.ReadZoneAsync(zone, CancellationToken.None);
        var ns = live!.RecordSets.Single(s => s.Name == zone && s.Type == RecordType.NS);
        var other = new RecordSet(zone, RecordType.NS, ns.Ttl, [new NsData(DnsName.Parse("evil.example."))]);

        var act = () => provider.ApplyAsync(zone, ns, other, CancellationToken.None);
        await act.Should().ThrowAsync<ProviderException>();
        (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets
            .Single(s => s.Name == zone && s.Type == RecordType.NS).Should().Be(ns);
    }

    [Fact]
    public async Task Every_record_type_the_schema_allows_round_trips()
    {
        var (provider, zone) = await CreateAsync();
        using var rsa = RSA.Create(2048);
        var dkim = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        RecordSet[] sets =
        [
            Set(zone, "@", "A", 300, "192.0.2.1"),
            Set(zone, "v6", "AAAA", 300, "2001:db8::1"),
            Set(zone, "www", "CNAME", 300, "@"),
            Set(zone, "@", "MX", 300, "10 mx1", "20 mx2.example.net."),
            Set(zone, "@", "TXT", 300, "v=spf1 mx -all", "verification=abc; \"quoted\""),
            Set(zone, "s2048._domainkey", "TXT", 300, dkim),
            Set(zone, "sub", "NS", 300, "ns1.example.net."),
            Set(zone, "_sip._tcp", "SRV", 300, "10 5 5060 sip.example.net."),
            Set(zone, "@", "CAA", 300, "0 issue \"letsencrypt.org\"", "0 iodef \"mailto:security@example.net\""),
            Set(zone, "_25._tcp.mx1", "TLSA", 300, "3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"),
            Set(zone, "1", "PTR", 300, "host.example.net."),
        ];
        foreach (var s in sets)
        {
            await provider.ApplyAsync(zone, null, s, CancellationToken.None);
        }

        var live = await provider.ReadZoneAsync(zone, CancellationToken.None);
        foreach (var s in sets)
        {
            live!.RecordSets.Should().ContainSingle(l => l.Name == s.Name && l.Type == s.Type).Which.Should().Be(s);
        }

        live!.RecordSets.Single(l => l.Name.ToString().StartsWith("s2048", StringComparison.Ordinal))
            .Records.Cast<TxtData>().Single().Value.Should().Be(dkim, "a 2048-bit key survives the 255-octet split");
    }

    [Fact]
    public async Task A_step_leaves_every_other_record_set_alone()
    {
        var (provider, zone) = await CreateAsync();
        var a = Set(zone, "a", "A", 300, "192.0.2.1");
        var b = Set(zone, "a", "TXT", 300, "keep me");
        var c = Set(zone, "c", "A", 300, "192.0.2.3");
        foreach (var s in new[] { a, b, c })
        {
            await provider.ApplyAsync(zone, null, s, CancellationToken.None);
        }

        var before = (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets
            .Where(s => s.Type != RecordType.SOA).ToList();
        await provider.ApplyAsync(zone, a, Set(zone, "a", "A", 300, "192.0.2.9"), CancellationToken.None);
        var after = (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets
            .Where(s => s.Type != RecordType.SOA).ToList();

        after.Where(s => !(s.Name == a.Name && s.Type == a.Type)).Should().Equal(before.Where(s => !(s.Name == a.Name && s.Type == a.Type)));
    }

    [Fact]
    public async Task Declares_the_types_it_manages()
    {
        var (provider, _) = await CreateAsync();
        provider.ManagedTypes.Should().Contain([RecordType.A, RecordType.AAAA, RecordType.CNAME, RecordType.MX, RecordType.TXT, RecordType.SRV, RecordType.CAA]);
        provider.ManagedTypes.Should().NotContain(RecordType.SOA);
    }
}
