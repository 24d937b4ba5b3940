using Reconciler.Daemon.Adopting;
using Reconciler.Schema.Loading;
using Reconciler.Tests.Planning;

namespace Reconciler.Tests.Daemon;

/// <summary>onDrift: adopt writes live values into the manifest, touching only the lines that differ.</summary>
public sealed class ManifestAdopterTests
{
    private const string Manifest = """
        # yaml-language-server: $schema=../manifest.schema.json
        # Client since 2019. Keep the comments!
        domain: d.example
        mail:
          provider: none
          mx: [{ host: mx1.host.example }]
        dns:
          records:
            - { name: "@", type: A, value: 192.0.2.10 }   # web server, ticket #42
            - { name: www, type: CNAME, value: "@" }
            - name: api
              type: A
              values:
                - 203.0.113.1
                - 203.0.113.2
            - { name: "@", type: TXT, value: "site-verification=abc" } # search console
        policy: { onDrift: adopt }
        """;

    private const string Live = """
        @ A 192.0.2.10
        www CNAME @
        api A 203.0.113.1
        api A 203.0.113.2
        @ TXT "site-verification=abc"
        @ MX 10 mx1.host.example.
        """;

    private static AdoptResult Adopt(string live, string manifest = Manifest) =>
        ManifestAdopter.Adopt(manifest, "d.example.yaml", PlanningFixture.Diff(manifest, PlanningFixture.Zone(live)), 3600);

    private static List<string> ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        return a.Length == b.Length ? a.Zip(b).Where(p => p.First != p.Second).Select(p => $"{p.First} => {p.Second}").ToList() : [$"{a.Length} lines became {b.Length}"];
    }

    [Fact]
    public void A_changed_value_is_replaced_in_place_and_the_comment_stays()
    {
        var r = Adopt(Live.Replace("@ A 192.0.2.10", "@ A 198.51.100.66", StringComparison.Ordinal));
        r.Adopted.Should().Equal("A @");
        ChangedLines(Manifest, r.Text).Should().Equal(
            "    - { name: \"@\", type: A, value: 192.0.2.10 }   # web server, ticket #42 => " +
            "    - { name: \"@\", type: A, value: 198.51.100.66 }   # web server, ticket #42");
        Reloads(r.Text);
    }

    [Fact]
    public void A_second_live_value_turns_value_into_values()
    {
        var r = Adopt(Live + "\n@ A 192.0.2.11");
        ChangedLines(Manifest, r.Text).Should().Equal(
            "    - { name: \"@\", type: A, value: 192.0.2.10 }   # web server, ticket #42 => " +
            "    - { name: \"@\", type: A, values: [192.0.2.10, 192.0.2.11] }   # web server, ticket #42");
        Reloads(r.Text);
    }

    [Fact]
    public void A_block_list_of_values_is_rewritten_line_by_line()
    {
        var r = Adopt(Live.Replace("api A 203.0.113.2", "api A 203.0.113.9", StringComparison.Ordinal));
        r.Adopted.Should().Equal("A api");
        ChangedLines(Manifest, r.Text).Should().Equal("        - 203.0.113.2 =>         - 203.0.113.9");
        Reloads(r.Text);
    }

    [Fact]
    public void A_changed_ttl_is_added_to_a_flow_entry()
    {
        var r = Adopt(Live.Replace("www CNAME @", "www 300 CNAME @", StringComparison.Ordinal));
        ChangedLines(Manifest, r.Text).Should().Equal(
            "    - { name: www, type: CNAME, value: \"@\" } =>     - { name: www, type: CNAME, value: \"@\", ttl: 300 }");
        Reloads(r.Text);
    }

    [Fact]
    public void A_record_only_live_is_added_after_the_last_entry_and_one_gone_from_live_is_removed()
    {
        var r = Adopt(Live.Replace("www CNAME @\n", "", StringComparison.Ordinal) + "\nftp A 198.51.100.1\n_dmarc TXT \"v=DMARC1; p=none\"");
        r.Adopted.Should().BeEquivalentTo(["A ftp", "CNAME www", "TXT _dmarc"]);
        var lines = r.Text.Split('\n');
        lines.Should().NotContain(l => l.Contains("name: www", StringComparison.Ordinal));
        var txt = Array.FindIndex(lines, l => l.Contains("site-verification", StringComparison.Ordinal));
        lines[txt + 1].Should().Be("    - { name: ftp, type: A, value: 198.51.100.1 }");
        lines[txt + 2].Should().Be("    - { name: _dmarc, type: TXT, value: \"v=DMARC1; p=none\" }");
        lines[txt + 3].Should().Be("policy: { onDrift: adopt }");
        r.Text.Should().Contain("# Client since 2019. Keep the comments!").And.Contain("# search console");
        Reloads(r.Text);
    }

    [Fact]
    public void Records_the_mail_section_generates_are_left_to_a_person()
    {
        var r = Adopt(Live.Replace("@ MX 10 mx1.host.example.", "@ MX 10 mx.elsewhere.example.", StringComparison.Ordinal));
        r.Adopted.Should().BeEmpty();
        r.NotAdopted.Should().ContainSingle().Which.Should().Contain("MX @").And.Contain("mail section");
        r.Text.Should().Be(Manifest);
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("@", "\"@\"")]
    [InlineData("10", "\"10\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("2001:db8::1", "\"2001:db8::1\"")]
    [InlineData("0 issue \"letsencrypt.org\"", "\"0 issue \\\"letsencrypt.org\\\"\"")]
    [InlineData("v=spf1 mx -all", "v=spf1 mx -all")]
    public void Scalars_are_quoted_only_when_needed(string value, string yaml)
    {
        ManifestAdopter.Scalar(value).Should().Be(yaml);
        var loaded = YamlLoader.Load($"k: {yaml}\n", "t.yaml");
        ((StringNode)((MapNode)loaded.Document!)["k"]!).Value.Should().Be(value);
    }

    private static void Reloads(string text)
    {
        var loaded = YamlLoader.Load(text, "adopted.yaml");
        loaded.Diagnostics.Should().BeEmpty();
        loaded.Document.Should().BeOfType<MapNode>();
    }
}
