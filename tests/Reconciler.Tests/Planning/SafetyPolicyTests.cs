using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Schema.Model;
using static Reconciler.Tests.Planning.PlanningFixture;

namespace Reconciler.Tests.Planning;

public sealed class SafetyPolicyTests
{
    private const string Empty = "domain: d.example\nmail: { provider: none }\n";

    private static string Records(int n) =>
        string.Concat(Enumerable.Range(1, n).Select(i => $"h{i} A 192.0.2.{i}\n"));

    [Fact]
    public void Deleting_more_than_the_allowed_share_of_a_zone_is_blocked_and_says_why()
    {
        var plan = Diff(Empty, Zone(Records(10)));
        plan.Steps.Should().HaveCount(10).And.OnlyContain(s => s.Blocked != null);
        plan.Steps[0].Blocked.Should().Contain("10 of 10 record sets (100%)").And.Contain("30");
        plan.IsBlocked.Should().BeTrue();
    }

    [Fact]
    public void Changes_within_the_share_are_not_blocked()
    {
        var keep = "domain: d.example\nmail: { provider: none }\ndns:\n  records:\n" +
                   string.Concat(Enumerable.Range(1, 8).Select(i => $"    - {{ name: h{i}, type: A, value: 192.0.2.{i} }}\n"));
        Diff(keep, Zone(Records(10))).Steps.Should().HaveCount(2).And.OnlyContain(s => s.Blocked == null);
    }

    [Fact]
    public void The_share_limit_comes_from_reconciler_yaml()
    {
        var loose = Context(SafetyLimits.Default with { MaxZoneChangeShare = 1.0 });
        Diff(Empty, Zone(Records(10)), context: loose).Steps.Should().OnlyContain(s => s.Blocked == null);
    }

    [Fact]
    public void A_small_zone_is_not_blocked_for_one_change()
    {
        Diff(Empty, Zone(Records(2))).Steps.Should().HaveCount(2).And.OnlyContain(s => s.Blocked == null);
    }

    [Fact]
    public void Deleting_a_mailbox_is_blocked_unless_allowed()
    {
        var yaml = "domain: d.example\nmail:\n  mx: [{ host: mx1.host.example }]\n";
        var mail = new LiveMailDomain("d.example", [new MailboxResource("bob@d.example", MailboxState.Active, null, null)], []);
        var live = Zone("@ MX 10 mx1.host.example.\n");
        Diff(yaml, live, mail).Steps.Single().Blocked.Should().Contain("deletes mailbox bob@d.example");
        Diff(yaml, live, mail, Context(SafetyLimits.Default with { AllowMailboxDeletion = true })).Steps.Single().Blocked.Should().BeNull();
    }

    [Fact]
    public void Removing_a_dkim_key_is_blocked()
    {
        Diff(Empty, Zone("s1._domainkey TXT \"v=DKIM1; p=abc\"\n")).Steps.Single().Blocked.Should().Contain("DKIM key s1._domainkey");
    }

    [Fact]
    public void Ttl_lowering_does_not_count_towards_the_share()
    {
        var yaml = "domain: d.example\nmail:\n  provider: none\n  mx: [{ host: mx-new.host.example }]\ndns:\n  records:\n    - { name: www, type: A, value: 192.0.2.1 }\n";
        Diff(yaml, Zone("@ 3600 MX 10 mx-old.host.example.\nwww A 192.0.2.1\n")).Steps.Should().OnlyContain(s => s.Blocked == null);
    }
}
