using Reconciler.Dns;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Tests.Dns;

public class SoaSerialTests
{
    private static readonly DateOnly NewYear = new(2024, 1, 1);

    [Theory]
    [InlineData(2023123105u, 2024010100u)] // yesterday's serial: today's first
    [InlineData(2024010100u, 2024010101u)] // second change today
    [InlineData(2024010105u, 2024010106u)]
    [InlineData(2024010199u, 2024010200u)] // 100 changes in a day run into tomorrow's numbers, still increasing
    [InlineData(5u, 2024010100u)] // a small counter jumps to the date
    [InlineData(0u, 2024010100u)]
    [InlineData(2099010100u, 2099010101u)] // a serial in the future keeps counting
    [InlineData(4000000000u, 4000000001u)] // not date-shaped and numerically above the date: +1
    [InlineData(4171493740u, 4171493741u)] // today's date is 2^31 - 8 below: not newer in RFC 1982 terms
    [InlineData(4294967295u, 2024010100u)] // near 2^32: wraps forward to the date, which RFC 1982 counts as newer
    public void Next_serial(uint current, uint expected)
    {
        SoaSerial.Next(current, NewYear).Should().Be(expected);
        SoaSerial.IsNewer(expected, current).Should().BeTrue();
    }

    [Fact]
    public void Increment_skips_zero_when_wrapping()
    {
        // Year 9999's date does not fit 32 bits, so this falls back to +1, which wraps past 0 to 1.
        SoaSerial.Next(uint.MaxValue, new DateOnly(9999, 12, 31)).Should().Be(1u);
    }

    [Fact]
    public void Always_newer_across_the_whole_range()
    {
        var dates = new[] { new DateOnly(1999, 12, 31), NewYear, new DateOnly(2026, 11, 22), new DateOnly(2200, 1, 1), new DateOnly(9999, 12, 31) };
        for (ulong current = 0; current <= uint.MaxValue; current += 7_919_993)
        {
            foreach (var date in dates)
            {
                var c = (uint)current;
                SoaSerial.IsNewer(SoaSerial.Next(c, date), c).Should().BeTrue($"the next serial after {c} on {date} is newer");
            }
        }
    }

    [Theory]
    [InlineData(1u, 0u, true)]
    [InlineData(0u, 1u, false)]
    [InlineData(1u, 4294967295u, true)] // wrapped
    [InlineData(4294967295u, 1u, false)]
    [InlineData(2147483647u, 0u, true)]
    [InlineData(2147483648u, 0u, false)] // exactly half way: undefined in RFC 1982, so not newer
    [InlineData(7u, 7u, false)]
    public void Rfc1982_comparison(uint candidate, uint current, bool newer)
    {
        SoaSerial.IsNewer(candidate, current).Should().Be(newer);
    }

    [Fact]
    public void Zone_moves_its_serial_on()
    {
        var zone = ZoneFileReader.Read("$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 h 2023123101 2 3 4 5\nwww A 192.0.2.1\n", "z");
        var next = zone.WithNextSerial(NewYear);
        next.SoaData.Serial.Should().Be(2024010100u);
        next.Records.Should().Equal(zone.Records);
        next.SoaData.PrimaryNameServer.Should().Be(DnsName.Parse("ns1.example.com."));
    }
}
