using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.Loading;

/// <summary>The edges of the fast reader's subset: what it reads (exactly as YamlDotNet would) and what it declines.</summary>
public sealed class FastYamlReaderTests
{
    [Theory]
    [InlineData("a: 1\nb: two\n")]
    [InlineData("a: 1")]
    [InlineData("---\na: 1\n")]
    [InlineData("--- # manifest\na: 1\n")]
    [InlineData("# only a comment\n")]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("a:\nb:\n")]
    [InlineData("a:   # nothing\nb: 1")]
    [InlineData("a:\n  b:\n    c: d\n  e: f\ng: h\n")]
    [InlineData("  a: 1\n  b: 2\n")]
    [InlineData("a:\n- x\n- y\nb: 1\n")]
    [InlineData("a:\n  - x\n  -\n  - y\n")]
    [InlineData("- a\n- b: 1\n  c: 2\n- - x\n")]
    [InlineData("- a\n- b: 1\n  c: 2\n-\n  d: 3\n-\n")]
    [InlineData("-   a: 1\n    b:\n    - x\n    c: 2\n")]
    [InlineData("- a:\n  - x\n  b: 1\n")]
    [InlineData("a: [x, y, [z]]\nb: {k: v, l: [1, 2]}\nc: []\nd: {}\n")]
    [InlineData("a: [ x , y ]\n")]
    [InlineData("a: [mailto:x@example, 'q', \"r\"]\n")]
    [InlineData("a: [x:]\n")]
    [InlineData("a: {x: y:z}\n")]
    [InlineData("a: [x, y,]\n")]
    [InlineData("a: {x: }\n")]
    [InlineData("a: {x}\n")]
    [InlineData("a: {\"x\":y}\n")]
    [InlineData("a: [x: y]\n")]
    [InlineData("a: [x\n  , y]\n")]
    [InlineData("a: 'it''s'\nb: \"q\\\"\\\\\\n\\t\\x41\\u00e9\\U0001F600\\/\\ \\_\"\n")]
    [InlineData("a: \"bad \\q escape\"\n")]
    [InlineData("a: \"\\ud800\"\n")]
    [InlineData("a: 'two\n  lines'\n")]
    [InlineData("a: two\n  lines\n")]
    [InlineData("- two\n  lines\n")]
    [InlineData("a: b # comment\nc: d#not a comment\n")]
    [InlineData("a: 'x'#c\n")]
    [InlineData("a: [x]#c\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a : b\n")]
    [InlineData("a:b\n")]
    [InlineData("a: x,y]{z}\n")]
    [InlineData("a: -1\nb: -x\nc: --\n")]
    [InlineData("a: -\n")]
    [InlineData("a: ?x\n")]
    [InlineData("a: :x\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: >\n  text\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: {x: 1, x: 2}\n")]
    [InlineData("1: a\n1.0: b\n")]
    [InlineData("<<: {a: 1}\n")]
    [InlineData("? a\n: b\n")]
    [InlineData("[a]: b\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: 1\n...\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("a:\n\tb: 1\n")]
    [InlineData("a: 1\r\nb: 2\r\n")]
    [InlineData("\uFEFFa: 1\n")]
    [InlineData("a: café\nb: 'naïve'\n")]
    [InlineData("a: \u00A0x\uD7FF\uE000\uFFFD y\n\u00E9: \"\u4E2D\"\n")]
    [InlineData("a: \U0001F600\n")]
    [InlineData("a: x\u2028y\n")]
    [InlineData("a: x\u0085y\n")]
    [InlineData("a: x\u007Fy\n")]
    [InlineData("a: 1\n  b: 2\n")]
    [InlineData("a:\n    b: 1\n  c: 2\n")]
    [InlineData("a: 1\n- x\n")]
    [InlineData("- x\na: 1\n")]
    [InlineData("a:\n  - x\n  b: 1\n")]
    [InlineData("scalar at the root\n")]
    [InlineData("[root, flow]\n")]
    [InlineData("a:\n  just text\n")]
    [InlineData("a: yes\nb: no\nc: ~\nd: null\ne: True\nf: .inf\ng: -.Inf\nh: .nan\ni: 0x1F\nj: 0o17\nk: 1e3\nl: 2026-01-01\nm: 0X1F\n")]
    [InlineData("a: 0o7777777777777777777777777\nb: 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF\nc: 0xFFFFFFFFFFFFFFFF\nd: 99999999999999999999999999999999\n")]
    [InlineData("a: \"\"\nb: ''\n")]
    [InlineData("\"quoted key\": 1\n'single': 2\n")]
    [InlineData("- \"q\": 1\n  r: 2\n")]
    [InlineData("a:  spaced   words  \n")]
    public void Reads_the_subset_as_yamldotnet_does_and_declines_the_rest(string yaml)
    {
        FastYamlReaderDifferentialTests.Compare(yaml, "t.yaml").Should().BeNull();
    }

    [Theory]
    [InlineData("a: 1\nb: [x, {y: z}]\n")]
    [InlineData("---\na: 1\n")]
    [InlineData("- a: 1\n  b:\n- c\n")]
    [InlineData("a:\n- x\n")]
    [InlineData("a: 'it''s'\n")]
    [InlineData("a: \"\\u00e9\"\n")]
    [InlineData("a: b # c\n")]
    [InlineData("a: 0o7777777777777777777777777\n")]
    [InlineData("a: café\n")]
    public void Takes_the_fast_path_for_manifest_shapes(string yaml)
    {
        FastYamlReader.TryRead(yaml, "t.yaml").Should().NotBeNull();
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: |\n  text\n")]
    [InlineData("a: two\n  lines\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("<<: {a: 1}\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a:\n\tb: 1\n")]
    [InlineData("a: 1\r\n")]
    [InlineData("a: [x\n  , y]\n")]
    [InlineData("a: \"\\q\"\n")]
    [InlineData("a: \U0001F600\n")]
    [InlineData("a: x\u2028y\n")]
    public void Declines_what_only_yamldotnet_reads(string yaml)
    {
        FastYamlReader.TryRead(yaml, "t.yaml").Should().BeNull();
    }

    [Fact]
    public void Duplicate_keys_still_get_the_yamldotnet_diagnostic()
    {
        var result = YamlLoader.Load("a: 1\nb: 2\na: 3\n", "d.yaml");
        result.Document.Should().BeNull();
        result.Diagnostics.Should().ContainSingle().Which.ToString()
            .Should().Be("d.yaml:3:1: error YAML002: duplicate key 'a' (first at line 1); the second would silently replace the first");
    }

    [Fact]
    public void Positions_point_at_keys_values_and_collection_starts()
    {
        var root = (MapNode)FastYamlReader.TryRead("# c\nouter:\n  - name: x\n    v: [1, 'two']\n  -\n", "t.yaml")!;
        root.Position.Should().Be(new SourcePosition("t.yaml", 2, 1));
        var list = (ListNode)root["outer"]!;
        list.Position.Should().Be(new SourcePosition("t.yaml", 3, 3));
        var item = (MapNode)list[0];
        item.Position.Should().Be(new SourcePosition("t.yaml", 3, 5));
        item.TryGetEntry("v", out var v).Should().BeTrue();
        v!.KeyPosition.Should().Be(new SourcePosition("t.yaml", 4, 5));
        ((ListNode)v.Value)[1].Position.Should().Be(new SourcePosition("t.yaml", 4, 12));
        list[1].Should().BeOfType<NullNode>().Which.Position.Should().Be(new SourcePosition("t.yaml", 5, 4));
    }

    [Fact]
    public void Overflowing_octal_is_a_number_not_a_crash()
    {
        foreach (var load in new Func<string, string, YamlLoadResult>[] { YamlLoader.Load, YamlLoader.LoadWithYamlDotNet })
        {
            var result = load("a: 0o7777777777777777777777777\n", "t.yaml");
            result.Diagnostics.Should().BeEmpty();
            var n = ((MapNode)result.Document!)["a"].Should().BeOfType<NumberNode>().Subject;
            n.Decimal.Should().Be(37778931862957161709567m, "8^25 - 1 is past long but fits decimal");
        }
    }

    [Fact]
    public void Integers_past_decimal_become_doubles_on_both_paths()
    {
        foreach (var load in new Func<string, string, YamlLoadResult>[] { YamlLoader.Load, YamlLoader.LoadWithYamlDotNet })
        {
            var map = (MapNode)load("h: 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFF\nu: 0xFFFFFFFFFFFFFFFF\no: 0o77777777777777777777777777777777777\n", "t.yaml").Document!;
            ((NumberNode)map["h"]!).Decimal.Should().BeNull();
            ((NumberNode)map["h"]!).Double.Should().BeApproximately(5.1922968585348276e33, 1e19);
            ((NumberNode)map["u"]!).Decimal.Should().Be(18446744073709551615m, "0x...FFFF is not -1");
            ((NumberNode)map["o"]!).Double.Should().BeGreaterThan(1e31);
        }
    }

    [Fact]
    public void A_flow_collection_broken_across_lines_is_a_syntax_error_not_a_crash()
    {
        // YamlDotNet throws InvalidOperationException here rather than a YamlException.
        var result = YamlLoader.Load("mail:\n  mx: [\n{ host: mx.example }]\n", "t.yaml");
        result.Document.Should().BeNull();
        result.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("YAML001");
    }
}
