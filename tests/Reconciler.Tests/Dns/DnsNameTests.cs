using Reconciler.Dns;

namespace Reconciler.Tests.Dns;

public class DnsNameTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    [Theory]
    [InlineData("www.example.com.", null, "www.example.com.")]
    [InlineData("WWW.Example.COM.", null, "www.example.com.")]
    [InlineData("www", "example.com.", "www.example.com.")]
    [InlineData("@", "example.com.", "example.com.")]
    [InlineData(".", null, ".")]
    [InlineData("*.example.com.", null, "*.example.com.")]
    [InlineData("_dmarc", "example.com.", "_dmarc.example.com.")]
    [InlineData("a\\.b.example.com.", null, "a\\.b.example.com.")]
    [InlineData("\\065\\066c.example.", null, "abc.example.")]
    [InlineData("\\000x.example.", null, "\\000x.example.")]
    [InlineData("a\\ b.example.", null, "a\\032b.example.")]
    [InlineData("a\\@b\\$.example.", null, "a\\@b\\$.example.")]
    [InlineData("a\\064b.example.", null, "a\\@b.example.")]
    [InlineData("x\\\\y.example.", null, "x\\\\y.example.")]
    [InlineData("bücher.example", ".", "xn--bcher-kva.example.")]
    [InlineData("BÜCHER.example.", null, "xn--bcher-kva.example.")]
    [InlineData("xn--BCHER-kva.example.", null, "xn--bcher-kva.example.")]
    [InlineData("日本。example.", null, "xn--wgv71a.example.")]
    [InlineData("mail.bücher", "example.com.", "mail.xn--bcher-kva.example.com.")]
    public void Parses_to_canonical_text(string text, string? origin, string expected)
    {
        var name = DnsName.Parse(text, origin is null ? null : DnsName.Parse(origin));
        name.ToString().Should().Be(expected);
        DnsName.Parse(name.ToString()).Should().Be(name, "the canonical text reads back as the same name");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a..b.", "empty label")]
    [InlineData(".a.", "empty label")]
    [InlineData("www", "relative")]
    [InlineData("@", "'@' stands for the origin")]
    [InlineData("a\\", "lone backslash")]
    [InlineData("a\\25.", "three digits")]
    [InlineData("a\\256.", "above \\255")]
    [InlineData("bu\u0308cher.example.", "composed form (NFC)")]
    [InlineData("a b.example.", "contains a space, which a name can only hold escaped (\\032)")]
    [InlineData("a;b.example.", "contains ';'")]
    [InlineData("a\tb.example.", "contains a tab")]
    public void Rejects_invalid_names_with_a_reason(string text, string reason)
    {
        var act = () => DnsName.Parse(text);
        act.Should().Throw<DnsFormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Enforces_label_and_name_length()
    {
        var label63 = new string('a', 63);
        DnsName.Parse(label63 + ".example.").LabelCount.Should().Be(2);
        var tooLong = () => DnsName.Parse(label63 + "b.example.");
        tooLong.Should().Throw<DnsFormatException>().WithMessage($"*label '{label63}b'*longer than 63 octets*");

        // 4 labels of 63 + root: 4*64+1 = 257 > 255; 3 labels of 63 plus one of 61: 3*64 + 62 + 1 = 255.
        var max = string.Join('.', label63, label63, label63, new string('c', 61)) + ".";
        var name = DnsName.Parse(max);
        name.WireLength.Should().Be(255);
        var over = () => DnsName.Parse("x." + max);
        over.Should().Throw<DnsFormatException>().WithMessage("*longer than 255 octets*");
        var overByOrigin = () => DnsName.Parse(string.Join('.', label63, label63, label63, new string('d', 50)), Origin);
        overByOrigin.Should().Throw<DnsFormatException>().WithMessage("*completed with the origin example.com. is longer than 255 octets*");

        // An escaped octet counts once, not four times.
        DnsName.Parse(string.Concat(Enumerable.Repeat("\\000", 63)) + ".").WireLength.Should().Be(65);
    }

    [Fact]
    public void Equality_and_hash_are_canonical()
    {
        var a = DnsName.Parse("Mail.Example.COM.");
        var b = DnsName.Parse("mail", Origin);
        a.Should().Be(b);
        (a == b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        new HashSet<DnsName> { a, b }.Should().HaveCount(1);
        DnsName.Parse("a\\.b.example.").Should().NotBe(DnsName.Parse("a.b.example."));
    }

    [Fact]
    public void Subdomains_are_label_aligned()
    {
        DnsName.Parse("www.example.com.").IsSubdomainOf(Origin).Should().BeTrue();
        Origin.IsSubdomainOf(Origin).Should().BeTrue();
        DnsName.Parse("xexample.com.").IsSubdomainOf(Origin).Should().BeFalse();
        // "a\.example" is one label.
        DnsName.Parse("a\\.example.com.").IsSubdomainOf(DnsName.Parse("com.")).Should().BeTrue();
        DnsName.Parse("a\\.example.com.").IsSubdomainOf(DnsName.Parse("example.com.")).Should().BeFalse();
        DnsName.Parse("x.a\\.example.com.").IsSubdomainOf(DnsName.Parse("a\\.example.com.")).Should().BeTrue();
        DnsName.Parse("com.").IsSubdomainOf(Origin).Should().BeFalse();
        Origin.IsSubdomainOf(DnsName.Root).Should().BeTrue();
    }

    [Theory]
    [InlineData("www.example.com.", "www")]
    [InlineData("example.com.", "@")]
    [InlineData("a.b.example.com.", "a.b")]
    [InlineData("a\\.b.example.com.", "a\\.b")]
    [InlineData("example.org.", "example.org.")]
    [InlineData(".", ".")]
    public void Prints_relative_to_an_origin(string name, string expected)
    {
        var n = DnsName.Parse(name);
        n.RelativeTo(Origin).Should().Be(expected);
        DnsName.Parse(expected, Origin).Should().Be(n, "the relative text reads back as the same name");
        n.RelativeTo(null).Should().Be(n.ToString());
    }

    [Fact]
    public void Sorts_in_dnssec_canonical_order()
    {
        // RFC 4034 §6.1's own example.
        string[] ordered = ["example.", "a.example.", "yljkjljk.a.example.", "Z.a.example.", "zABC.a.EXAMPLE.", "z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example."];
        var names = ordered.Select(n => DnsName.Parse(n)).ToList();
        var shuffled = names.AsEnumerable().Reverse().OrderBy(n => n.ToString().Length).ToList();
        shuffled.Sort();
        shuffled.Should().Equal(names);
    }

    [Fact]
    public void Wire_form_round_trips()
    {
        var name = DnsName.Parse("A\\.b.Example.COM.");
        var wire = name.ToWire();
        wire.Should().Equal(new byte[] { 3, (byte)'a', (byte)'.', (byte)'b', 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0 });
        DnsName.ReadWire(wire, out var consumed).Should().Be(name);
        consumed.Should().Be(wire.Length);
        var compressed = () => DnsName.ReadWire(new byte[] { 0xC0, 12 }, out _);
        compressed.Should().Throw<DnsFormatException>().WithMessage("*compressed*");
    }

    [Fact]
    public void Parent_and_unicode_display()
    {
        DnsName.Parse("www.xn--bcher-kva.example.").Parent.Should().Be(DnsName.Parse("xn--bcher-kva.example."));
        DnsName.Parse("com.").Parent.Should().Be(DnsName.Root);
        DnsName.Parse("www.xn--bcher-kva.example.").ToUnicodeString().Should().Be("www.bücher.example.");
    }
}
