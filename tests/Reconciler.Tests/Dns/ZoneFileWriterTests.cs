using System.Runtime.Versioning;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Tests.Dns;

public class ZoneFileWriterTests
{
    private const string SmallZone = """
        $ORIGIN example.com.
        $TTL 3600
        www 300 A 192.0.2.1
        @ SOA ns1 hostmaster 2024010100 7200 3600 1209600 300
        @ MX 10 mail
        mail A 192.0.2.2
        @ NS ns2.example.net.
        _dmarc TXT "v=DMARC1; p=reject"
        @ NS ns1
        ns1 A 192.0.2.53
        """;

    [Fact]
    public void Writes_readable_deterministic_text()
    {
        var text = ZoneFileWriter.Write(ZoneFileReader.Read(SmallZone, "small.zone"));
        text.Should().Be(
            "$ORIGIN example.com.\n" +
            "$TTL 3600\n" +
            "\n" +
            "@          IN SOA ns1 hostmaster 2024010100 7200 3600 1209600 300\n" +
            "@          IN NS  ns1\n" +
            "@          IN NS  ns2.example.net.\n" +
            "@          IN MX  10 mail\n" +
            "_dmarc     IN TXT \"v=DMARC1; p=reject\"\n" +
            "mail       IN A   192.0.2.2\n" +
            "ns1        IN A   192.0.2.53\n" +
            "www    300 IN A   192.0.2.1\n");
    }

    [Fact]
    public void Same_zone_in_any_order_gives_the_same_text()
    {
        var zone = ZoneFileReader.Read(ZoneFileReaderTests.FeatureZone, "feature.zone");
        var expected = ZoneFileWriter.Write(zone);
        var shuffled = zone.WithRecords(zone.Records.Reverse().Concat(zone.Records.Take(3)));
        ZoneFileWriter.Write(shuffled).Should().Be(expected);
    }

    [Fact]
    public void Output_reads_back_as_the_same_zone()
    {
        var zone = ZoneFileReader.Read(ZoneFileReaderTests.FeatureZone, "feature.zone");
        var text = ZoneFileWriter.Write(zone);
        var again = ZoneFileReader.Read(text, "written.zone");
        again.Soa.Should().Be(zone.Soa);
        again.RecordSets.Should().Equal(zone.RecordSets);
        ZoneFileWriter.Write(again).Should().Be(text, "writing is a fixed point");
    }

    [Fact]
    public void Splits_long_txt_into_255_octet_strings()
    {
        var value = new string('x', 600);
        var zone = ZoneFileReader.Read(SmallZone, "small.zone");
        zone = zone.WithRecords([.. zone.Records, new ResourceRecord(DnsName.Parse("long.example.com."), 3600, TxtData.FromValue(value))]);
        var line = ZoneFileWriter.Write(zone).Split('\n').Single(l => l.StartsWith("long", StringComparison.Ordinal));
        line.Should().EndWith($"IN TXT \"{new string('x', 255)}\" \"{new string('x', 255)}\" \"{new string('x', 90)}\"");
        var back = ZoneFileReader.Read(ZoneFileWriter.Write(zone), "z").Records.Single(r => r.Name.ToString() == "long.example.com.");
        ((TxtData)back.Data).Value.Should().Be(value);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Writes_files_atomically_and_keeps_permissions()
    {
        var dir = Directory.CreateTempSubdirectory("zone-write-");
        try
        {
            var path = Path.Combine(dir.FullName, "example.com.zone");
            var zone = ZoneFileReader.Read(SmallZone, "small.zone");
            await ZoneFileWriter.WriteFileAsync(path, zone);
            (await File.ReadAllTextAsync(path)).Should().Be(ZoneFileWriter.Write(zone));

            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var inode = new FileInfo(path).LastWriteTimeUtc;
            var next = zone.WithNextSerial(new DateOnly(2024, 1, 1));
            await ZoneFileWriter.WriteFileAsync(path, next);

            (await ZoneFileReader.ReadFileAsync(path)).SoaData.Serial.Should().Be(2024010101u);
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            Directory.GetFiles(dir.FullName).Should().Equal([path], "the temporary file was renamed, not left behind");
            new FileInfo(path).LastWriteTimeUtc.Should().BeOnOrAfter(inode);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_failed_write_leaves_the_old_file()
    {
        var dir = Directory.CreateTempSubdirectory("zone-write-");
        try
        {
            var path = Path.Combine(dir.FullName, "example.com.zone");
            await File.WriteAllTextAsync(path, "old");
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();
            var act = () => ZoneFileWriter.WriteFileAsync(path, ZoneFileReader.Read(SmallZone, "z"), cts.Token);
            await act.Should().ThrowAsync<OperationCanceledException>();
            (await File.ReadAllTextAsync(path)).Should().Be("old");
            Directory.GetFiles(dir.FullName).Should().Equal([path]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
