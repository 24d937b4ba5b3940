using System.Security.Cryptography;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;
using Xunit.Abstractions;

namespace Reconciler.Tests.Dns;

/// <summary>
/// The planner reads about 10,000 zone files of ~20 records each per run. Allocation per record is deterministic, so
/// it is what this test holds to a budget; time is measured by the benchmarks (bench/), not here.
/// </summary>
public class ZoneFilePerformanceTests(ITestOutputHelper output)
{
    private static readonly string TypicalZone = MakeTypicalZone();

    [Fact]
    public void Reading_a_typical_zone_allocates_little()
    {
        var zone = ZoneFileReader.Read(TypicalZone, "typical.zone");
        var records = zone.Records.Count + 1;
        records.Should().BeInRange(18, 24);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ZoneFileReader.Read(TypicalZone, "typical.zone");
        var perRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / records;
        output.WriteLine($"read: {perRecord} bytes allocated per record ({TypicalZone.Length} chars, {records} records)");
        perRecord.Should().BeLessThan(1_200);

        before = GC.GetAllocatedBytesForCurrentThread();
        ZoneFileWriter.Write(zone);
        var writePerRecord = (GC.GetAllocatedBytesForCurrentThread() - before) / records;
        output.WriteLine($"write: {writePerRecord} bytes allocated per record");
        writePerRecord.Should().BeLessThan(2_500);
    }

    private static string MakeTypicalZone()
    {
        using var rsa = RSA.Create(2048);
        var dkim = TxtData.FromValue("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
        var text = """
            $ORIGIN client-domain.example.
            $TTL 3600
            @ IN SOA ns1.provider.example. hostmaster.provider.example. ( 2024010100 7200 3600 1209600 300 )
            @ IN NS ns1.provider.example.
            @ IN NS ns2.provider.example.
            @ IN MX 10 mx1.provider.example.
            @ IN MX 20 mx2.provider.example.
            @ IN TXT "v=spf1 include:_spf.provider.example ip4:192.0.2.0/24 -all"
            @ IN A 192.0.2.10
            @ IN AAAA 2001:db8::10
            @ IN CAA 0 issue "letsencrypt.org"
            @ IN CAA 0 iodef "mailto:security@client-domain.example"
            www IN CNAME @
            _dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@client-domain.example; adkim=s; aspf=s"
            _mta-sts IN TXT "v=STSv1; id=20240101T000000"
            mta-sts IN CNAME mta-sts.provider.example.
            _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@client-domain.example"
            _submission._tcp IN SRV 0 1 587 smtp.provider.example.
            _imaps._tcp IN SRV 0 1 993 imap.provider.example.
            _25._tcp.mail IN TLSA 3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1
            mail IN A 192.0.2.25

            """;
        return text + "sel1._domainkey IN TXT " + dkim.ToPresentation() + "\n";
    }
}
