using Reconciler.Dns;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Schema.Model;
using static Reconciler.Tests.Planning.PlanningFixture;

namespace Reconciler.Tests.Planning;

public sealed class DifferTests
{
    private const string DnsOnly = "domain: d.example\nmail: { provider: none }\n";

    [Fact]
    public void Live_equal_in_canonical_form_gives_no_steps()
    {
        var yaml = $$"""
            domain: d.example
            mail: { provider: none }
            dns:
              records:
                - { name: WWW, type: CNAME, value: Target.Example.NET. }
                - { name: "@", type: MX, values: ["10 mail", "20 mx2.example.net."] }
                - { name: v6, type: AAAA, value: "2001:0db8:0000::0001" }
                - { name: long, type: TXT, value: "{{new string('a', 300)}}bbb" }
                - { name: mail, type: A, value: 192.0.2.1 }
            """;
        var live = Zone($$"""
            www   CNAME target.example.net.
            @     MX 20 MX2.example.net.
            @     MX 10 mail.d.example.
            v6    AAAA 2001:db8::1
            long  TXT "{{new string('a', 100)}}" "{{new string('a', 200)}}bbb"
            mail  A 192.0.2.1
            """);
        var steps = Diff(yaml, live).Steps;
        steps.Should().BeEmpty(string.Join("\n", steps.Select(s => $"{s.ResourceId}: {s.Before?.Describe()} -> {s.After?.Describe()}")));
    }

    [Fact]
    public void Apex_soa_and_ns_and_unmanaged_names_are_never_touched()
    {
        var yaml = "domain: d.example\nmail: { provider: none }\ndns:\n  unmanaged: [_acme-challenge*, 'legacy-*']\n";
        var live = Zone("_acme-challenge TXT \"token\"\nlegacy-app A 192.0.2.7\nsub NS ns.elsewhere.example.\n");
        var plan = Diff(yaml, live);
        plan.Steps.Should().ContainSingle().Which.ResourceId.Should().Be("NS sub", "only the delegation is managed; apex NS, SOA and unmanaged names are not");
    }

    [Fact]
    public void The_addresses_of_the_zones_own_name_servers_are_left_alone_unless_declared()
    {
        var live = Zone("@ NS ns1\nns1 A 192.0.2.53\nns1 AAAA 2001:db8::53\nold A 192.0.2.9\n");
        Diff(DnsOnly, live).Steps.Select(s => s.ResourceId).Should().Equal(["A old"],
            "deleting ns1's addresses would break the delegation; they belong to the DNS host like the apex NS");

        var declared = "domain: d.example\nmail: { provider: none }\ndns:\n  records:\n    - { name: ns1, type: A, value: 192.0.2.54 }\n";
        Diff(declared, live).Steps.Select(s => (s.ResourceId, s.Action)).Should().BeEquivalentTo(
            new[] { ("A ns1", StepAction.Update), ("A old", StepAction.Delete) }, "a manifest that declares them manages them");
    }

    [Fact]
    public void Types_the_provider_does_not_manage_are_left_alone()
    {
        var context = Context() with { ManagedTypes = new HashSet<RecordType> { RecordType.A } };
        var plan = Diff(DnsOnly, Zone("x TXT \"keep\"\ny A 192.0.2.1\n"), context: context);
        plan.Steps.Should().ContainSingle().Which.ResourceId.Should().Be("A y");
    }

    [Fact]
    public void A_new_zone_is_created_before_its_records()
    {
        var plan = Diff("domain: d.example\nmail: { provider: none }\ndns:\n  records:\n    - { name: www, type: A, value: 192.0.2.1 }\n", null);
        plan.Steps.Select(s => s.Resource.Kind).Should().Equal("zone", "recordset");
        plan.Steps[0].Phase.Should().Be(Phase.Prepare);
    }

    [Fact]
    public void Orders_mailboxes_then_dkim_and_spf_then_mx_then_routes_then_dmarc_then_deletions()
    {
        var yaml = """
            domain: d.example
            dns:
              records:
                - { name: www, type: A, value: 192.0.2.1 }
            mail:
              mx: [{ host: mx1.host.example }]
              spf: { mx: true, all: fail }
              dkim: [{ selector: s1, publicKey: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" }]
              dmarc: { p: none, rua: ["mailto:d@d.example"] }
              mailboxes: [{ local: alice, kind: human, owner: alice@d.example }]
              aliases: [{ local: sales, to: [alice] }]
            """;
        var live = Zone("old A 192.0.2.9\n");
        var mail = new LiveMailDomain("d.example", [new MailboxResource("gone@d.example", MailboxState.Active, null, null)], [new RouteResource("old@d.example", ["x@y.example"])]);
        var plan = Diff(yaml, live, mail);

        plan.Steps.Select(s => s.Index).Should().BeInAscendingOrder();
        string Kind(PlanStep s) => s.Resource switch
        {
            MailDomainResource => "maildomain",
            MailboxResource when s.Action == StepAction.Delete => "mailbox-",
            MailboxResource => "mailbox+",
            RouteResource when s.Action == StepAction.Delete => "route-",
            RouteResource => "route+",
            RecordSetResource r when s.Action == StepAction.Delete => "record-",
            RecordSetResource r => r.Set.Name.ToString().StartsWith("s1._domainkey", StringComparison.Ordinal) ? "dkim"
                : r.Set.Name.ToString().StartsWith("_dmarc", StringComparison.Ordinal) ? "dmarc"
                : r.Set.Type == RecordType.MX ? "mx"
                : r.Set.Type == RecordType.TXT ? "spf" : "record+",
            _ => s.Resource.Kind,
        };
        plan.Steps.Select(Kind).Should().Equal(
            "mailbox+", "dkim", "spf", "record+", "mx", "route+", "dmarc", "route-", "mailbox-", "record-");
        plan.Steps.Select(s => s.Phase).Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_new_mail_domain_comes_first_in_its_phase()
    {
        var plan = Diff("domain: d.example\nmail:\n  mx: [{ host: mx1.host.example }]\n  mailboxes: [{ local: a, kind: human, owner: a@d.example }]\n", Zone(""), null);
        var mailSteps = plan.Steps.Where(s => s.Role == ProviderRole.Mail).ToList();
        mailSteps[0].Resource.Should().BeOfType<MailDomainResource>();
        mailSteps[1].Resource.Should().BeOfType<MailboxResource>();
    }

    [Fact]
    public void Steps_within_a_phase_are_ordered_stably_by_resource()
    {
        var yaml = "domain: d.example\nmail: { provider: none }\ndns:\n  records:\n    - { name: c, type: A, value: 192.0.2.3 }\n    - { name: a, type: A, value: 192.0.2.1 }\n    - { name: b, type: A, value: 192.0.2.2 }\n";
        Diff(yaml, Zone("")).Steps.Select(s => s.ResourceId).Should().Equal("A a", "A b", "A c");
    }

    [Fact]
    public void An_mx_cutover_lowers_the_ttl_first_and_waits_out_the_old_one()
    {
        var yaml = "domain: d.example\nmail:\n  provider: none\n  mx: [{ host: mx-new.host.example }]\n";
        var plan = Diff(yaml, Zone("@ 3600 MX 10 mx-old.host.example.\n"));

        plan.Steps.Should().HaveCount(2);
        var lower = plan.Steps[0];
        lower.Phase.Should().Be(Phase.Prepare);
        lower.Purpose.Should().Be(PlanStep.TtlLowering);
        ((RecordSetResource)lower.After!).Set.Ttl.Should().Be(300);
        ((RecordSetResource)lower.After!).Set.HasSameData(((RecordSetResource)lower.Before!).Set).Should().BeTrue();

        var cut = plan.Steps[1];
        cut.Phase.Should().Be(Phase.SwitchMx);
        cut.Before.Should().Be(lower.After, "the switch expects the lowered record set");
        cut.NotBefore.Should().Be(Now.AddSeconds(3600));
        cut.WaitAfterPrevious.Should().Be(TimeSpan.FromSeconds(3600));
    }

    [Fact]
    public void After_the_ttl_was_lowered_the_switch_waits_until_the_old_ttl_expired()
    {
        var yaml = "domain: d.example\nmail:\n  provider: none\n  mx: [{ host: mx-new.host.example }]\n";
        var live = Zone("@ 300 MX 10 mx-old.host.example.\n");
        var lowered = new CutoverWait("d.example", DnsName.Parse("d.example."), RecordType.MX, Now.AddMinutes(-20), 3600);

        var waiting = Diff(yaml, live, context: Context(cutovers: [lowered])).Steps.Single();
        waiting.NotBefore.Should().Be(Now.AddMinutes(40));

        var expired = lowered with { LoweredAt = Now.AddHours(-2) };
        Diff(yaml, live, context: Context(cutovers: [expired])).Steps.Single().NotBefore.Should().BeNull();
    }

    [Fact]
    public void The_ttl_a_cutover_lowers_to_is_safety_cutoverTtl()
    {
        var yaml = "domain: d.example\nmail:\n  provider: none\n  mx: [{ host: mx-new.host.example }]\n";
        var context = Context(safety: SafetyLimits.Default with { CutoverTtl = 60 });

        var staged = Diff(yaml, Zone("@ 120 MX 10 mx-old.host.example.\n"), context: context);
        staged.Steps.Should().HaveCount(2);
        ((RecordSetResource)staged.Steps[0].After!).Set.Ttl.Should().Be(60);
        staged.Steps[1].NotBefore.Should().Be(Now.AddSeconds(120), "the old TTL is waited out, whatever the lowered one");

        Diff(yaml, Zone("@ 60 MX 10 mx-old.host.example.\n"), context: context).Steps.Should().ContainSingle("a TTL already that low is switched at once")
            .Which.NotBefore.Should().BeNull();
    }

    [Fact]
    public void A_domain_can_opt_out_of_staged_cutovers()
    {
        var yaml = "domain: d.example\npolicy: { cutoverWaitsForTtl: false }\nmail:\n  provider: none\n  mx: [{ host: mx-new.host.example }]\n";
        Diff(yaml, Zone("@ 3600 MX 10 mx-old.host.example.\n")).Steps.Should().ContainSingle().Which.NotBefore.Should().BeNull();
    }

    [Fact]
    public void Expired_forwards_are_removed_and_say_why()
    {
        var yaml = """
            domain: d.example
            mail:
              mx: [{ host: mx1.host.example }]
              forwards:
                - { from: jane, to: jane@personal.example, reason: contractor, approvedBy: boss@d.example, expires: 2026-01-31 }
            """;
        var mail = new LiveMailDomain("d.example", [], [new RouteResource("jane@d.example", ["jane@personal.example"])]);
        var step = Diff(yaml, Zone("@ MX 10 mx1.host.example.\n"), mail).Steps.Single();
        step.Action.Should().Be(StepAction.Delete);
        step.Reason.Should().Contain("expired on 2026-01-31");
    }

    [Fact]
    public void A_dkim_selector_the_provider_generates_is_left_alone()
    {
        var yaml = "domain: d.example\nmail:\n  provider: none\n  dkim: [{ selector: google, generatedBy: provider }]\n";
        Diff(yaml, Zone("google._domainkey TXT \"v=DKIM1; p=abc\"\n")).Steps.Should().BeEmpty();
    }

    [Fact]
    public void Mail_kinds_the_provider_does_not_manage_are_neither_planned_nor_drift()
    {
        // A provider that keeps only mailboxes: the manifest's alias, forward and catch-all are someone else's job,
        // and the live routes it happens to read back are not "undeclared" either.
        var yaml = """
            domain: d.example
            mail:
              mx: [{ host: mx1.host.example }]
              mailboxes: [{ local: bob, kind: human, owner: bob@d.example }, { local: ann, kind: human, owner: ann@d.example }]
              aliases: [{ local: sales, to: [bob] }]
              forwards: [{ from: jane, to: jane@personal.example, reason: contractor, approvedBy: boss@d.example, expires: 2099-01-31 }]
              catchAll: { deliverTo: bob }
            """;
        var mail = new LiveMailDomain(
            "d.example",
            [new MailboxResource("bob@d.example", MailboxState.Active, null, null), new MailboxResource("old@d.example", MailboxState.Active, null, null)],
            [new RouteResource("info@d.example", ["bob@d.example"]), new RouteResource("x@d.example", ["x@elsewhere.example"]), new RouteResource("@d.example", ["old@d.example"])]);
        var mailboxesOnly = Context() with { ManagedMailKinds = new HashSet<MailResourceKind> { MailResourceKind.Mailbox } };

        var steps = Diff(yaml, Zone("@ MX 10 mx1.host.example.\n"), mail, mailboxesOnly).Steps;
        steps.Select(s => $"{s.Action} {s.ResourceId}").Should().BeEquivalentTo(["Create mailbox ann@d.example", "Delete mailbox old@d.example"]);

        // The same state under a provider that manages everything plans the routes too (the filter is what hid them).
        Diff(yaml, Zone("@ MX 10 mx1.host.example.\n"), mail).Steps.Should().Contain(s => s.Resource is RouteResource);

        // Aliases only: the internal alias is planned, the external forward and the catch-all are not.
        var aliasesOnly = Context() with { ManagedMailKinds = new HashSet<MailResourceKind> { MailResourceKind.Alias } };
        Diff(yaml, Zone("@ MX 10 mx1.host.example.\n"), mail, aliasesOnly).Steps.Select(s => $"{s.Action} {s.ResourceId}")
            .Should().BeEquivalentTo(["Create route sales@d.example", "Delete route info@d.example"]);
    }

    [Fact]
    public void Mailbox_state_changes_are_updates_that_name_the_transition()
    {
        var yaml = "domain: d.example\nmail:\n  mx: [{ host: mx1.host.example }]\n  mailboxes: [{ local: bob, kind: human, owner: bob@d.example, state: suspended }]\n";
        var mail = new LiveMailDomain("d.example", [new MailboxResource("bob@d.example", MailboxState.Active, null, null)], []);
        var step = Diff(yaml, Zone("@ MX 10 mx1.host.example.\n"), mail).Steps.Single();
        step.Action.Should().Be(StepAction.Update);
        step.Reason.Should().Be("state active → suspended");
    }

    [Fact]
    public void Live_fingerprint_ignores_the_soa_serial_but_not_data()
    {
        var a = new LiveDomain(Zone("www A 192.0.2.1\n"), null);
        var b = new LiveDomain(Zone("www A 192.0.2.1\n").WithSerialBumped(), null);
        var c = new LiveDomain(Zone("www A 192.0.2.2\n"), null);
        a.Fingerprint.Should().Be(b.Fingerprint);
        a.Fingerprint.Should().NotBe(c.Fingerprint);
    }
}

internal static class LiveZoneTestExtensions
{
    public static LiveZone WithSerialBumped(this LiveZone zone) => zone with
    {
        RecordSets = zone.RecordSets.Select(s => s.Type == RecordType.SOA
            ? new RecordSet(s.Name, s.Type, s.Ttl, [((Reconciler.Dns.Records.SoaData)s.Records[0]).WithSerial(2026112299)])
            : s).ToList(),
    };
}
