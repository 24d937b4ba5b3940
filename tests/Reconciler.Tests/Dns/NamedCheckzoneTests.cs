using System.Security.Cryptography;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Tests.Dns;

/// <summary>
/// Our zone files against BIND's own loader: named-checkzone must accept what we write, and BIND's canonical dump of
/// a file (named-compilezone) must read back, through our reader, as the same records we meant.
/// </summary>
public sealed class NamedCheckzoneTests : IDisposable
{
    private const string Origin = "example.com.";

    private const string EveryType = """
        $ORIGIN example.com.
        $TTL 3600
        @ SOA ns1 hostmaster 2024010100 7200 3600 1209600 300
        @ NS ns1
        @ NS ns2.example.net.
        @ MX 10 mail
        @ MX 20 mx.bücher.example.
        @ TXT "v=spf1 mx -all"
        @ CAA 0 issue "letsencrypt.org; validationmethods=dns-01"
        @ CAA 0 iodef "mailto:security@example.com"
        @ CAA 128 tbs "say \"hi\"; \\ done"
        ns1 A 192.0.2.53
        ns1 AAAA 2001:db8::53
        mail 300 A 192.0.2.25
        mail AAAA 2001:DB8:0:0::25
        _25._tcp.mail TLSA 3 1 1 ( 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1 )
        _dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
        _sip._tcp SRV 10 60 5060 sip
        _sip._udp SRV 0 0 0 .
        sip A 192.0.2.60
        www CNAME @
        bücher A 192.0.2.80
        *.wild A 192.0.2.81
        a\.b TXT "dot in a label"
        empty TXT ""
        escapes TXT "tab\009nul\000high\255quote\"backslash\\" "second;string"
        1.2 PTR host.example.com.
        private TYPE65280 \# 4 DEADBEEF
        private-empty TYPE65281 \# 0
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("named-checkzone-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Named_checkzone_accepts_our_output_for_every_type()
    {
        var zone = WithDkim(ZoneFileReader.Read(EveryType, "every-type.zone"));
        var path = Path.Combine(_dir.FullName, "example.com.zone");
        await ZoneFileWriter.WriteFileAsync(path, zone);

        var check = await BindTools.CheckZoneAsync(Origin, path);
        check.ExitCode.Should().Be(0, check.Output);
        check.StdOut.Should().Contain("loaded serial 2024010100").And.Contain("OK");
    }

    [Fact]
    public async Task Bind_canonical_dump_of_our_output_reads_back_as_our_records()
    {
        var zone = WithDkim(ZoneFileReader.Read(EveryType, "every-type.zone"));
        var path = Path.Combine(_dir.FullName, "example.com.zone");
        await ZoneFileWriter.WriteFileAsync(path, zone);

        var dump = await BindTools.CompileZoneAsync(Origin, path);
        dump.ExitCode.Should().Be(0, dump.Output);
        var fromBind = ZoneFileReader.Read(dump.StdOut, "named-compilezone output", DnsName.Parse(Origin));

        fromBind.Soa.Should().Be(zone.Soa);
        fromBind.RecordSets.Should().Equal(zone.RecordSets);
        fromBind.RecordSets.Should().HaveCount(zone.RecordSets.Count).And.HaveCountGreaterThan(20);
    }

    [Fact]
    public async Task Our_reader_agrees_with_bind_on_a_hand_written_file()
    {
        // The reader's syntax corpus, as a person would write it; BIND reads raw UTF-8 as octets, so the IDN owner is
        // given as its A-label here.
        var text = ZoneFileReaderTests.FeatureZone.Replace("bücher", "xn--bcher-kva", StringComparison.Ordinal);
        var path = Path.Combine(_dir.FullName, "hand-written.zone");
        await File.WriteAllTextAsync(path, text);

        var ours = ZoneFileReader.Read(text, path);
        var dump = await BindTools.CompileZoneAsync(Origin, path);
        dump.ExitCode.Should().Be(0, dump.Output);
        var bind = ZoneFileReader.Read(dump.StdOut, "named-compilezone output");

        bind.Soa.Should().Be(ours.Soa);
        bind.RecordSets.Should().Equal(ours.RecordSets);
    }

    [Fact]
    public async Task Named_checkzone_rejects_what_our_reader_rejects()
    {
        // A sanity check that the BIND run can fail: a CNAME beside other data.
        var path = Path.Combine(_dir.FullName, "bad.zone");
        var text = "$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\nwww CNAME @\nwww A 192.0.2.2\n";
        await File.WriteAllTextAsync(path, text);
        var check = await BindTools.CheckZoneAsync(Origin, path);
        check.ExitCode.Should().NotBe(0);
        var ours = () => ZoneFileReader.Read(text, path);
        ours.Should().Throw<DnsFormatException>().WithMessage("*CNAME*other data*");
    }

    /// <summary>A DKIM record with a freshly made 2048-bit RSA key: over 400 characters, so over one string's 255.</summary>
    private static Zone WithDkim(Zone zone)
    {
        using var rsa = RSA.Create(2048);
        var value = "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        value.Length.Should().BeGreaterThan(400);
        var dkim = new ResourceRecord(DnsName.Parse("mail._domainkey.example.com."), 3600, TxtData.FromValue(value));
        return zone.WithRecords([.. zone.Records, dkim]);
    }
}
