using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.Loading;

public sealed class YamlLoaderTests
{
    private static Node Load(string yaml)
    {
        var result = YamlLoader.Load(yaml, "t.yaml");
        result.Diagnostics.Should().BeEmpty();
        return result.Document!;
    }

    [Theory]
    [InlineData("a: 300", NodeKind.Number)]
    [InlineData("a: -1.5e3", NodeKind.Number)]
    [InlineData("a: 0x1F", NodeKind.Number)]
    [InlineData("a: 0o17", NodeKind.Number)]
    [InlineData("a: true", NodeKind.Boolean)]
    [InlineData("a: no", NodeKind.String)]
    [InlineData("a: yes", NodeKind.String)]
    [InlineData("a: ~", NodeKind.Null)]
    [InlineData("a:", NodeKind.Null)]
    [InlineData("a: 2026-01-01", NodeKind.String)]
    [InlineData("a: 192.0.2.1", NodeKind.String)]
    [InlineData("a: \"300\"", NodeKind.String)]
    [InlineData("a: '1.0'", NodeKind.String)]
    [InlineData("a: 10 mx.example.", NodeKind.String)]
    [InlineData("a: !!str 300", NodeKind.String)]
    public void Resolves_scalars_by_the_yaml_1_2_core_schema(string yaml, NodeKind kind) =>
        ((MapNode)Load(yaml))["a"]!.Kind.Should().Be(kind);

    [Fact]
    public void Keeps_line_and_column_of_keys_and_values()
    {
        var map = (MapNode)Load("# c\nouter:\n  inner: [1, two]\n");
        map.TryGetEntry("outer", out var outer).Should().BeTrue();
        outer!.KeyPosition.Should().Be(new SourcePosition("t.yaml", 2, 1));
        var inner = ((MapNode)outer.Value)["inner"] as ListNode;
        inner!.Position.Should().Be(new SourcePosition("t.yaml", 3, 10));
        inner[1].Position.Should().Be(new SourcePosition("t.yaml", 3, 14));
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_work()
    {
        var map = (MapNode)Load("base: &b { ttl: 300, kind: a }\nuse: *b\nown:\n  <<: *b\n  kind: b\n");
        ((NumberNode)((MapNode)map["use"]!)["ttl"]!).Decimal.Should().Be(300);
        var own = (MapNode)map["own"]!;
        ((StringNode)own["kind"]!).Value.Should().Be("b", "keys written in the map win over merged ones");
        ((NumberNode)own["ttl"]!).Decimal.Should().Be(300);
    }

    [Fact]
    public void Empty_file_is_null_document()
    {
        YamlLoader.Load("", "t.yaml").Document.Should().BeOfType<NullNode>();
    }

    [Fact]
    public void Tab_inside_a_quoted_value_is_fine()
    {
        ((StringNode)((MapNode)Load("a: \"x\\ty\"\nb: 'c\td'"))["b"]!).Value.Should().Be("c\td");
    }
}
