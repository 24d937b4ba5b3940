using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation;

namespace Reconciler.Schema.Tests.Loading;

public sealed class TemplateMergerTests
{
    private static MapNode Yaml(string text, string file) => (MapNode)YamlLoader.Load(text, file).Document!;

    private static (MapNode Merged, List<Diagnostic> Diagnostics) Merge(string domain, params (string Name, string Text)[] templates)
    {
        var merger = new TemplateMerger(templates.ToDictionary(
            t => t.Name,
            t => new TemplateMerger.TemplateSource(t.Name, Yaml(t.Text, $"templates/{t.Name}.yaml"))));
        var diagnostics = new List<Diagnostic>();
        return (merger.Merge(Yaml(domain, "domains/d.yaml"), "d.example", diagnostics), diagnostics);
    }

    [Fact]
    public void Maps_merge_deeply_and_the_domain_wins()
    {
        var (merged, diagnostics) = Merge(
            "domain: d.example\nuse: [base]\ndns:\n  ttl: 600\n",
            ("base", "dns:\n  ttl: 3600\n  unmanaged: [x]\n"));
        diagnostics.Should().BeEmpty();
        var dns = (MapNode)merged["dns"]!;
        ((NumberNode)dns["ttl"]!).Decimal.Should().Be(600);
        dns["unmanaged"]!.Position.File.Should().Be("templates/base.yaml", "merged values keep where they were written");
    }

    [Fact]
    public void Keyed_lists_merge_by_key_and_items_merge_deeply()
    {
        var (merged, _) = Merge(
            "domain: d.example\nuse: [base]\nmail:\n  mailboxes:\n    - { local: info, state: suspended }\n    - { local: bob, kind: human, owner: b@x.example }\n",
            ("base", "mail:\n  mailboxes:\n    - { local: info, kind: role, owner: ops@x.example }\n"));
        var boxes = (ListNode)((MapNode)merged["mail"]!)["mailboxes"]!;
        boxes.Count.Should().Be(2);
        var info = (MapNode)boxes[0];
        ((StringNode)info["kind"]!).Value.Should().Be("role");
        ((StringNode)info["state"]!).Value.Should().Be("suspended");
    }

    [Fact]
    public void Records_key_on_name_and_type_the_way_dns_compares_names()
    {
        var (merged, _) = Merge(
            "domain: d.example\nuse: [base]\ndns:\n  records:\n    - { name: d.example., type: A, value: 192.0.2.2 }\n",
            ("base", "dns:\n  records:\n    - { name: '@', type: A, value: 192.0.2.1 }\n    - { name: '@', type: AAAA, value: '2001:db8::1' }\n"));
        var records = (ListNode)((MapNode)merged["dns"]!)["records"]!;
        records.Count.Should().Be(2);
        ((StringNode)((MapNode)records[0])["value"]!).Value.Should().Be("192.0.2.2");
    }

    [Fact]
    public void Later_templates_win_over_earlier_ones_and_chains_resolve()
    {
        var (merged, diagnostics) = Merge(
            "domain: d.example\nuse: [a, b]\n",
            ("a", "notes: from-a\ndns: { ttl: 100 }\n"),
            ("b", "use: [c]\nnotes: from-b\n"),
            ("c", "dns: { ttl: 200 }\n"));
        diagnostics.Should().BeEmpty();
        ((StringNode)merged["notes"]!).Value.Should().Be("from-b");
        ((NumberNode)((MapNode)merged["dns"]!)["ttl"]!).Decimal.Should().Be(200);
    }

    [Fact]
    public void A_cycle_names_the_chain()
    {
        var (_, diagnostics) = Merge("domain: d.example\nuse: [a]\n", ("a", "use: [b]\n"), ("b", "use: [a]\n"));
        diagnostics.Should().ContainSingle(d => d.Code == "TPL002").Which.Message.Should().Contain("a → b → a");
    }

    [Fact]
    public void A_missing_template_says_which_exist()
    {
        var (_, diagnostics) = Merge("domain: d.example\nuse: [nope]\n", ("base", "notes: x\n"));
        diagnostics.Should().ContainSingle(d => d.Code == "TPL001").Which.Message.Should().Contain("known: base");
    }
}
