using Reconciler.Dns;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Tests.Dns;

public class ZoneFileReaderTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    /// <summary>A file using every syntax feature the reader supports.</summary>
    internal const string FeatureZone = """
        ; a comment line, then a blank one

        $ORIGIN example.com.
        $TTL 1h30m ; BIND units
        @   IN  SOA ns1 hostmaster.example.com. (
                    2024010100 ; serial
                    1h         ; refresh
                    15M        ; retry
                    2w         ; expire
                    300 )      ; minimum
            IN  NS  ns1
            IN  NS  ns2.example.net.
        @   300 IN MX 10 mail
        @   IN 300 MX 20 mail.example.net.
        @   TXT "v=spf1 mx -all" ; trailing comment
        ns1 A   192.0.2.1
        mail.example.com. 60 A 192.0.2.2
                          AAAA 2001:DB8:0::2
        a\.b TXT "semi;colon" "say \"hi\"" "" unquoted\ word \065\066
        caa CAA 0 issue "ca.example; account=\"x\""
        _25._tcp.mail TLSA 3 1 1 ( 0123456789abcdef
                                   0123456789ABCDEF )
        _sip._tcp SRV 10 60 5060 sip
        sip A 192.0.2.3
        www CNAME @
        bücher A 192.0.2.4
        *.wild A 192.0.2.5
        u TYPE65280 \# 3 ABCDEF
        x A \# 4 0A000001
        1.2 PTR host.example.com.
        $ORIGIN sub
        deep A 192.0.2.6
        @ A 192.0.2.7
        """;

    [Fact]
    public void Reads_every_syntax_feature()
    {
        var zone = ZoneFileReader.Read(FeatureZone, "feature.zone");
        zone.Origin.Should().Be(Origin);
        zone.Soa.ToString().Should().Be("example.com. 5400 IN SOA ns1.example.com. hostmaster.example.com. 2024010100 3600 900 1209600 300");
        zone.Records.Select(r => r.ToString()).Should().Equal(
            "example.com. 5400 IN NS ns1.example.com.",
            "example.com. 5400 IN NS ns2.example.net.",
            "example.com. 300 IN MX 10 mail.example.com.",
            "example.com. 300 IN MX 20 mail.example.net.",
            "example.com. 5400 IN TXT \"v=spf1 mx -all\"",
            "ns1.example.com. 5400 IN A 192.0.2.1",
            "mail.example.com. 60 IN A 192.0.2.2",
            "mail.example.com. 5400 IN AAAA 2001:db8::2",
            "a\\.b.example.com. 5400 IN TXT \"semi;colon\" \"say \\\"hi\\\"\" \"\" \"unquoted word\" \"AB\"",
            "caa.example.com. 5400 IN CAA 0 issue \"ca.example; account=\\\"x\\\"\"",
            "_25._tcp.mail.example.com. 5400 IN TLSA 3 1 1 0123456789ABCDEF0123456789ABCDEF",
            "_sip._tcp.example.com. 5400 IN SRV 10 60 5060 sip.example.com.",
            "sip.example.com. 5400 IN A 192.0.2.3",
            "www.example.com. 5400 IN CNAME example.com.",
            "xn--bcher-kva.example.com. 5400 IN A 192.0.2.4",
            "*.wild.example.com. 5400 IN A 192.0.2.5",
            "u.example.com. 5400 IN TYPE65280 \\# 3 ABCDEF",
            "x.example.com. 5400 IN A 10.0.0.1",
            "1.2.example.com. 5400 IN PTR host.example.com.",
            "deep.sub.example.com. 5400 IN A 192.0.2.6",
            "sub.example.com. 5400 IN A 192.0.2.7");
    }

    [Fact]
    public void Origin_can_come_from_the_caller()
    {
        var zone = ZoneFileReader.Read("@ 3600 IN SOA ns1 hostmaster 1 2 3 4 5\nwww 60 A 192.0.2.1\n", "z", Origin);
        zone.Origin.Should().Be(Origin);
        zone.Records.Single().Name.Should().Be(DnsName.Parse("www.example.com."));
    }

    [Fact]
    public void Ttl_defaults_follow_rfc_1035_and_bind()
    {
        // No $TTL: the SOA falls back to its minimum, later records to the last TTL stated.
        var records = ZoneFileReader.ReadRecords("""
            example.com. IN SOA ns1.example.com. h.example.com. 1 2 3 4 600
            a.example.com. 120 IN A 192.0.2.1
            b.example.com. IN A 192.0.2.2
            $TTL 7200
            c.example.com. IN A 192.0.2.3
            d.example.com. 30 IN A 192.0.2.4
            e.example.com. IN A 192.0.2.5
            """, "z");
        records.Select(r => $"{r.Name} {r.Ttl}").Should().Equal(
            "example.com. 600", "a.example.com. 120", "b.example.com. 120", "c.example.com. 7200", "d.example.com. 30", "e.example.com. 7200");
    }

    [Fact]
    public void Accepts_crlf_line_endings_and_a_byte_order_mark()
    {
        var text = "\uFEFF$ORIGIN example.com.\r\n$TTL 60\r\n@ SOA ns1 h 1 2 3 4 5\r\nwww A 192.0.2.1\r\n  TXT \"x\"\r\n";
        var zone = ZoneFileReader.Read(text, "z");
        zone.Records.Select(r => r.ToString()).Should().Equal("www.example.com. 60 IN A 192.0.2.1", "www.example.com. 60 IN TXT \"x\"");
    }

    [Fact]
    public void Drops_exact_duplicates()
    {
        var zone = ZoneFileReader.Read("$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ TXT \"ab\" \"c\"\n@ TXT \"abc\"\n@ MX 10 MAIL\n@ MX 10 mail.example.com.\n", "z");
        zone.Records.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("$INCLUDE other.zone\n", 3, 1, "$INCLUDE is not supported")]
    [InlineData("$GENERATE 1-2 a$ A 192.0.2.$\n", 3, 1, "$GENERATE is a BIND extension")]
    [InlineData("$FOO bar\n", 3, 1, "unknown directive '$FOO'")]
    [InlineData("www FOO 1\n", 3, 5, "unknown record type 'FOO'")]
    [InlineData("www DS 1 2 3 ABCD\n", 3, 5, "unknown record type 'DS'; supported: A, AAAA")]
    [InlineData("www CH A 192.0.2.1\n", 3, 5, "only class IN is supported, not 'CH'")]
    [InlineData("www 1h30 A 192.0.2.1\n", 3, 5, "'1h30' is not a TTL: the last number '30' has no unit")]
    [InlineData("www 1x A 192.0.2.1\n", 3, 5, "'1x' is not a TTL: 'x' is not a unit")]
    [InlineData("www 60 60 A 192.0.2.1\n", 3, 8, "a second TTL")]
    [InlineData("www 2147483648 A 192.0.2.1\n", 3, 5, "above the maximum of 2147483647")]
    [InlineData("www\n", 3, 4, "missing the record type after the owner 'www'")]
    [InlineData("www IN\n", 3, 7, "missing record type for www")]
    [InlineData("www A\n", 3, 6, "missing IPv4 address")]
    [InlineData("www A", 3, 6, "missing IPv4 address")]
    [InlineData("www MX x mail\n", 3, 8, "MX preference 'x' is not a whole number from 0 to 65535")]
    [InlineData("www A 192.0.2.1 extra\n", 3, 17, "unexpected 'extra' after the A data")]
    [InlineData("www TXT ( \"a\"\n\"b\"\n", 3, 9, "the '(' opened here is never closed")]
    [InlineData("www TXT \"a\n", 3, 9, "no closing '\"'")]
    [InlineData("www TXT \"a\" )\n", 3, 13, "')' without a matching '('")]
    [InlineData("a..b A 192.0.2.1\n", 3, 1, "owner name: the name 'a..b' has an empty label")]
    [InlineData("www.example.org. A 192.0.2.1\n", 3, 1, "www.example.org. is outside the zone example.com.")]
    [InlineData("@ SOA ns1 h 2 2 3 4 5\n", 3, 1, "a second SOA record; the zone's SOA is on line 2")]
    [InlineData("www 60 A 192.0.2.1\nwww 120 A 192.0.2.2\n", 4, 1, "TTL 120 differs from the TTL 60 that line 3 gives www.example.com. A")]
    [InlineData("www CNAME a\nwww A 192.0.2.1\n", 4, 1, "www.example.com. has a CNAME (line 3) and other data")]
    [InlineData("www CNAME a\nwww CNAME b\n", 4, 1, "a second CNAME record (the first is on line 3)")]
    [InlineData("@ CNAME a\n", 3, 0, "the zone apex example.com. has a CNAME")]
    [InlineData("www A 192.0.2.1 \\\n", 3, 17, "a backslash at the end of a line escapes nothing")]
    public void Errors_carry_file_line_column_and_reason(string body, int line, int column, string reason)
    {
        var text = "$ORIGIN example.com.\n@ 60 SOA ns1 h 1 2 3 4 5\n" + body;
        var act = () => ZoneFileReader.Read(text, "zones/example.com.zone");
        var ex = act.Should().Throw<DnsFormatException>().Which;
        ex.Reason.Should().Contain(reason);
        (ex.File, ex.Line, ex.Column).Should().Be(("zones/example.com.zone", line, column));
        ex.Message.Should().StartWith(column > 0 ? $"zones/example.com.zone:{line}:{column}: " : $"zones/example.com.zone:{line}: ");
    }

    [Fact]
    public void Zone_level_errors()
    {
        var noSoa = () => ZoneFileReader.Read("$ORIGIN example.com.\nwww 60 A 192.0.2.1\n", "z");
        noSoa.Should().Throw<DnsFormatException>().WithMessage("z: there is no SOA record*");

        var relative = () => ZoneFileReader.Read("www 60 A 192.0.2.1\n", "z");
        relative.Should().Throw<DnsFormatException>().WithMessage("z:1:1: owner name: the name 'www' is relative*set $ORIGIN*");

        var blankFirst = () => ZoneFileReader.Read("$ORIGIN example.com.\n  60 A 192.0.2.1\n", "z");
        blankFirst.Should().Throw<DnsFormatException>().WithMessage("z:2:3: *same owner as the previous record*no previous record*");

        var noTtl = () => ZoneFileReader.Read("$ORIGIN example.com.\n@ SOA ns1 h 1 2 3 4 5\nwww A 192.0.2.1\n", "z");
        noTtl.Should().Throw<DnsFormatException>().WithMessage("z:3:1: this record has no TTL*$TTL 3600*");

        var wrongZone = () => ZoneFileReader.Read("$ORIGIN example.org.\n@ 60 SOA ns1 h 1 2 3 4 5\n", "z", Origin);
        wrongZone.Should().Throw<DnsFormatException>().WithMessage("z:2:1: the SOA record is for example.org., but this file is the zone example.com.");
    }

    [Fact]
    public async Task Reads_files_naming_the_path_in_errors()
    {
        var dir = Directory.CreateTempSubdirectory("zone-read-");
        try
        {
            var path = Path.Combine(dir.FullName, "example.com.zone");
            await File.WriteAllTextAsync(path, FeatureZone);
            (await ZoneFileReader.ReadFileAsync(path, Origin)).Records.Should().HaveCount(21);

            await File.WriteAllTextAsync(path, "$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 h 1 2 3 4 5\nmx MX ten mail\n");
            var act = () => ZoneFileReader.ReadFileAsync(path, Origin);
            (await act.Should().ThrowAsync<DnsFormatException>()).Which.Message.Should().StartWith(path + ":4:7: MX preference 'ten'");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
