using System.Net;
using System.Text;
using Reconciler.Dns;
using Reconciler.Dns.Records;

namespace Reconciler.Tests.Dns;

public class RecordDataTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    private static readonly string Long300 = new('k', 300);

    /// <summary>type, input text, canonical absolute print.</summary>
    public static TheoryData<string, string, string> Corpus => new()
    {
        { "A", "192.0.2.1", "192.0.2.1" },
        { "A", "0.0.0.0", "0.0.0.0" },
        { "AAAA", "2001:DB8:0:0:0:0:0:1", "2001:db8::1" },
        { "AAAA", "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
        { "CNAME", "Target.Example.NET.", "target.example.net." },
        { "CNAME", "www", "www.example.com." },
        { "NS", "ns1.example.net.", "ns1.example.net." },
        { "PTR", "host.example.com.", "host.example.com." },
        { "MX", "10 MAIL.Example.COM.", "10 mail.example.com." },
        { "MX", "0 .", "0 ." },
        { "MX", "20 mx.bücher.example.", "20 mx.xn--bcher-kva.example." },
        { "TXT", "\"v=spf1 -all\"", "\"v=spf1 -all\"" },
        { "TXT", "\"\"", "\"\"" },
        { "TXT", "\"a\" \"\" \"b\"", "\"a\" \"\" \"b\"" },
        { "TXT", "unquoted words", "\"unquoted\" \"words\"" },
        { "TXT", "\"semi;colon\" \"say \\\"hi\\\"\" \"back\\\\slash\"", "\"semi;colon\" \"say \\\"hi\\\"\" \"back\\\\slash\"" },
        { "TXT", "\"\\065\\000\\255\"", "\"A\\000\\255\"" },
        { "TXT", "\"tab\there\"", "\"tab\\009here\"" },
        { "TXT", "\"ü\"", "\"\\195\\188\"" },
        { "TXT", "( \"multi\"\n  \"line\" ) ; comment", "\"multi\" \"line\"" },
        { "TXT", "\"" + Long300 + "\"", "\"" + new string('k', 255) + "\" \"" + new string('k', 45) + "\"" },
        { "SOA", "ns1 hostmaster 2024010100 1h 15m 2w 300", "ns1.example.com. hostmaster.example.com. 2024010100 3600 900 1209600 300" },
        { "SOA", "( ns1.example.com. hostmaster.example.com.\n 1 ; serial\n 7200 3600 1209600 3600 )", "ns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 3600" },
        { "SRV", "10 60 5060 sip.example.com.", "10 60 5060 sip.example.com." },
        { "SRV", "0 0 0 .", "0 0 0 ." },
        { "CAA", "0 issue \"letsencrypt.org\"", "0 issue \"letsencrypt.org\"" },
        { "CAA", "128 ISSUE \"ca.example; account=\\\"x\\\"\"", "128 issue \"ca.example; account=\\\"x\\\"\"" },
        { "CAA", "0 iodef \"mailto:security@example.com\"", "0 iodef \"mailto:security@example.com\"" },
        { "CAA", "0 issuewild \"\"", "0 issuewild \"\"" },
        { "CAA", "0 issue letsencrypt.org", "0 issue \"letsencrypt.org\"" },
        { "TLSA", "3 1 1 ab cd EF 01", "3 1 1 ABCDEF01" },
        { "TLSA", "3 1 1 ( 0123456789abcdef\n 0123456789ABCDEF )", "3 1 1 0123456789ABCDEF0123456789ABCDEF" },
        { "TYPE65280", "\\# 3 abcdef", "\\# 3 ABCDEF" },
        { "TYPE65280", "\\# 0", "\\# 0" },
        { "TYPE65280", "\\# 4 ( 00 01\n 02 03 )", "\\# 4 00010203" },
        { "A", "\\# 4 0A000001", "10.0.0.1" },
        { "MX", "\\# 3 000A 00", "10 ." },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Round_trips_through_canonical_text(string type, string text, string expected)
    {
        var rt = RecordType.Parse(type);
        var data = RecordData.Parse(rt, text, Origin);
        data.Type.Should().Be(rt);
        var printed = data.ToPresentation();
        printed.Should().Be(expected);

        var again = RecordData.Parse(rt, printed, Origin);
        again.Should().Be(data);
        again.ToPresentation().Should().Be(printed, "printing is a fixed point");

        // Relative printing reads back to the same value under the same origin.
        RecordData.Parse(rt, data.ToPresentation(Origin), Origin).Should().Be(data);

        // So does the wire form, and RFC 3597 text built from it.
        RecordData.FromWire(rt, data.ToWire()).Should().Be(data);
        var generic = $"\\# {data.ToWire().Length} {Convert.ToHexString(data.ToWire())}";
        RecordData.Parse(rt, generic, null).Should().Be(data);
    }

    [Theory]
    [InlineData("MX", "10 MAIL.Example.COM.", "10 mail.example.com.")]
    [InlineData("MX", "10 mail", "10 mail.example.com.")]
    [InlineData("CNAME", "@", "example.com.")]
    [InlineData("AAAA", "2001:0db8:0000::0001", "2001:db8::1")]
    [InlineData("AAAA", "2001:DB8::1", "2001:db8:0:0::1")]
    [InlineData("TXT", "\"abc\" \"def\"", "\"abcdef\"")]
    [InlineData("TXT", "\"ab\" \"cdef\"", "\"abc\" \"\" \"def\"")]
    [InlineData("TXT", "abc", "\"abc\"")]
    [InlineData("TXT", "\"a\\\"b\"", "\"a\\034b\"")]
    [InlineData("CAA", "0 Issue \"x\"", "0 issue \"x\"")]
    [InlineData("TLSA", "3 1 1 abcdef", "3 1 1 AB CD EF")]
    [InlineData("SOA", "ns1 hostmaster 1 1h 1h 1w 1d", "ns1.example.com. hostmaster.example.com. 1 3600 3600 604800 86400")]
    [InlineData("SRV", "1 2 3 sip", "1 2 3 sip.example.com.")]
    [InlineData("TYPE65280", "\\# 2 abcd", "\\# 2 ABCD")]
    public void Equal_in_canonical_form(string type, string left, string right)
    {
        var rt = RecordType.Parse(type);
        var a = RecordData.Parse(rt, left, Origin);
        var b = RecordData.Parse(rt, right, Origin);
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.CompareTo(b).Should().Be(0);
    }

    [Theory]
    [InlineData("MX", "10 mail", "20 mail")]
    [InlineData("MX", "10 mail", "10 mail.")]
    [InlineData("TXT", "\"abc\"", "\"ab c\"")]
    [InlineData("TXT", "\"abc\"", "\"ABC\"")]
    [InlineData("CAA", "0 issue \"x\"", "128 issue \"x\"")]
    [InlineData("CAA", "0 issue \"X\"", "0 issue \"x\"")]
    [InlineData("A", "192.0.2.1", "192.0.2.2")]
    public void Different_values_differ(string type, string left, string right)
    {
        var rt = RecordType.Parse(type);
        RecordData.Parse(rt, left, Origin).Should().NotBe(RecordData.Parse(rt, right, Origin));
    }

    [Fact]
    public void Different_types_never_equal()
    {
        RecordData.Parse(RecordType.CNAME, "x.example.", null).Should().NotBe(RecordData.Parse(RecordType.NS, "x.example.", null));
    }

    [Theory]
    [InlineData("A", "192.0.2", "not an IPv4 address")]
    [InlineData("A", "192.0.2.256", "not an IPv4 address")]
    [InlineData("A", "010.0.0.1", "no leading zeros")]
    [InlineData("A", "2001:db8::1", "not an IPv4 address")]
    [InlineData("A", "", "missing IPv4 address")]
    [InlineData("A", "192.0.2.1 192.0.2.2", "unexpected '192.0.2.2' after the A data")]
    [InlineData("AAAA", "192.0.2.1", "not an IPv6 address")]
    [InlineData("AAAA", "fe80::1%eth0", "not an IPv6 address")]
    [InlineData("MX", "mail.example.com.", "MX preference 'mail.example.com.' is not a whole number from 0 to 65535")]
    [InlineData("MX", "70000 mail", "from 0 to 65535")]
    [InlineData("MX", "10", "missing MX exchange name")]
    [InlineData("MX", "10 \"mail\"", "written without quotes")]
    [InlineData("CNAME", "a..b.", "empty label")]
    [InlineData("TXT", "", "missing TXT text")]
    [InlineData("TXT", "\"unterminated", "no closing '\"'")]
    [InlineData("TXT", "\"a\\300\"", "above \\255")]
    [InlineData("TXT", "( \"a\"", "never closed")]
    [InlineData("TXT", "\"a\" )", "without a matching '('")]
    [InlineData("SOA", "ns1 hostmaster@example.com. 1 2 3 4 5", "replace '@' with '.'")]
    [InlineData("SOA", "ns1 hostmaster 1 2 3 4", "missing SOA minimum")]
    [InlineData("SOA", "ns1 hostmaster 1 1h30 3 4 5", "SOA refresh '1h30' is not a time: the last number '30' has no unit")]
    [InlineData("SOA", "ns1 hostmaster 4294967296 1 2 3 4", "SOA serial")]
    [InlineData("SRV", "1 2 sip", "SRV port 'sip'")]
    [InlineData("CAA", "0 is-sue \"x\"", "only ASCII letters and digits")]
    [InlineData("CAA", "256 issue \"x\"", "CAA flags '256' is not a whole number from 0 to 255")]
    [InlineData("CAA", "0 issue", "missing CAA value")]
    [InlineData("TLSA", "3 1 1 abc", "odd number of hex digits")]
    [InlineData("TLSA", "3 1 1 xyz", "must be hex digits, found 'x'")]
    [InlineData("TLSA", "3 1 1", "missing TLSA association data")]
    [InlineData("TYPE65280", "abcd", "must be written as \\# followed by the length")]
    [InlineData("TYPE65280", "\\# 3 abcd", "\\# says 3 octets but 2 follow")]
    [InlineData("A", "\\# 3 0a0000", "A record data is too short")]
    [InlineData("A", "\\# 5 0a00000101", "A record data has 1 octets left over")]
    public void Rejects_invalid_data_with_a_clear_reason(string type, string text, string reason)
    {
        var act = () => RecordData.Parse(RecordType.Parse(type), text, Origin);
        act.Should().Throw<DnsFormatException>().WithMessage($"*{reason}*");
    }

    [Fact]
    public void Errors_say_which_column()
    {
        var act = () => MxData.Parse("10 mail extra", Origin);
        act.Should().Throw<DnsFormatException>()
            .Which.Message.Should().Be("invalid MX data '10 mail extra': unexpected 'extra' after the MX data (at column 9)");
    }

    [Fact]
    public void Relative_name_without_origin_is_an_error()
    {
        var act = () => CnameData.Parse("www");
        act.Should().Throw<DnsFormatException>().WithMessage("*relative*no origin*");
    }

    [Fact]
    public void Prints_names_relative_to_an_origin_when_asked()
    {
        MxData.Parse("10 mail", Origin).ToPresentation(Origin).Should().Be("10 mail");
        MxData.Parse("10 mail.example.org.", Origin).ToPresentation(Origin).Should().Be("10 mail.example.org.");
        CnameData.Parse("@", Origin).ToPresentation(Origin).Should().Be("@");
        SoaData.Parse("ns1 hostmaster 1 2 3 4 5", Origin).ToPresentation(Origin).Should().Be("ns1 hostmaster 1 2 3 4 5");
    }

    [Fact]
    public void Txt_keeps_its_split_but_compares_joined()
    {
        var dkimKey = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(Enumerable.Range(0, 294).Select(i => (byte)(i * 7)).ToArray());
        dkimKey.Length.Should().BeGreaterThan(400);
        var oneValue = TxtData.FromValue(dkimKey);
        oneValue.Strings.Should().HaveCount(2);
        oneValue.Strings[0].Length.Should().Be(255);
        oneValue.Value.Should().Be(dkimKey);

        var userSplit = TxtData.FromStrings([dkimKey[..200], dkimKey[200..]]);
        userSplit.Strings.Should().HaveCount(2);
        userSplit.Should().Be(oneValue);
        userSplit.ToPresentation().Should().NotBe(oneValue.ToPresentation(), "the split as given is kept for the wire");

        new TxtData([Encoding.ASCII.GetBytes("x")]).Should().Be(TxtData.Parse("x"));
        var none = () => new TxtData([]);
        none.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Constructed_values_equal_parsed_ones()
    {
        new AData(IPAddress.Parse("192.0.2.1")).Should().Be(AData.Parse("192.0.2.1"));
        new AaaaData(IPAddress.Parse("2001:db8::1")).Should().Be(AaaaData.Parse("2001:DB8:0::1"));
        new MxData(10, DnsName.Parse("mail.example.com.")).Should().Be(MxData.Parse("10 mail", Origin));
        new CaaData(0, "ISSUE", "letsencrypt.org").Should().Be(CaaData.Parse("0 issue \"letsencrypt.org\""));
        new TlsaData(3, 1, 1, Convert.FromHexString("ABCD")).Should().Be(TlsaData.Parse("3 1 1 abcd"));
        new SrvData(1, 2, 3, DnsName.Parse("sip.example.com.")).Should().Be(SrvData.Parse("1 2 3 sip", Origin));
        new UnknownData(new RecordType(65280), [1, 2]).Should().Be(UnknownData.Parse(new RecordType(65280), "\\# 2 0102"));

        var wrongFamily = () => new AData(IPAddress.Parse("::1"));
        wrongFamily.Should().Throw<ArgumentException>();
        var knownAsUnknown = () => new UnknownData(RecordType.A, [1, 2, 3, 4]);
        knownAsUnknown.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Resource_records_print_as_zone_lines()
    {
        var rr = new ResourceRecord(DnsName.Parse("mail.example.com."), RecordType.MX, 300, MxData.Parse("10 mx", Origin));
        rr.ToString().Should().Be("mail.example.com. 300 IN MX 10 mx.example.com.");
        rr.ToPresentation(Origin).Should().Be("mail 300 IN MX 10 mx");
        rr.Should().Be(new ResourceRecord(DnsName.Parse("MAIL", Origin), 300, MxData.Parse("10 MX.example.com.")));
        rr.Should().NotBe(rr with { Ttl = 301 });

        ResourceRecord.Parse(rr.ToString()).Should().Be(rr);
        ResourceRecord.Parse(rr.ToPresentation(Origin), Origin).Should().Be(rr);
        var noTtl = () => ResourceRecord.Parse("www IN A 192.0.2.1", Origin);
        noTtl.Should().Throw<DnsFormatException>().WithMessage("record:1:1: this record has no TTL*");

        var mismatch = () => new ResourceRecord(Origin, RecordType.A, 1, MxData.Parse("10 mx", Origin));
        mismatch.Should().Throw<ArgumentException>().WithMessage("*type is A but the data is MX*");
        var ttl = () => new ResourceRecord(Origin, 0x80000000, AData.Parse("192.0.2.1"));
        ttl.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Record_sets_ignore_order_and_duplicates()
    {
        var name = DnsName.Parse("example.com.");
        var a = new RecordSet(name, RecordType.MX, 300, [MxData.Parse("20 b", Origin), MxData.Parse("10 a", Origin), MxData.Parse("10 A", Origin)]);
        var b = new RecordSet(name, RecordType.MX, 300, [MxData.Parse("10 a.example.com."), MxData.Parse("20 b.example.com.")]);
        a.Records.Should().HaveCount(2);
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        new RecordSet(name, RecordType.MX, 60, b.Records).HasSameData(a).Should().BeTrue();
        new RecordSet(name, RecordType.MX, 60, b.Records).Should().NotBe(a);

        var grouped = RecordSet.Group([
            new ResourceRecord(DnsName.Parse("www.example.com."), 300, AData.Parse("192.0.2.2")),
            new ResourceRecord(name, 300, MxData.Parse("10 a", Origin)),
            new ResourceRecord(DnsName.Parse("www.example.com."), 60, AData.Parse("192.0.2.1")),
        ]);
        grouped.Select(s => $"{s.Name} {s.Type} {s.Ttl} {s.Records.Count}").Should().Equal(
            "example.com. MX 300 1",
            "www.example.com. A 60 2");
    }
}
