using System.Net;
using Reconciler.Posture.Spf;

namespace Reconciler.Tests.Posture;

public sealed class IpRangeSetTests
{
    private static IpNetwork N(string cidr)
    {
        var parts = cidr.Split('/');
        var ip = IPAddress.Parse(parts[0]);
        var prefix = parts.Length > 1 ? int.Parse(parts[1]) : ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        return new IpNetwork(ip, prefix);
    }

    [Fact]
    public void Adjacent_and_duplicate_ranges_collapse_into_the_fewest_blocks()
    {
        var set = IpRangeSet.Of(true, [N("198.51.100.0/25"), N("198.51.100.128/25"), N("198.51.100.7"), N("192.0.2.10"), N("192.0.2.11")]);
        set.ToNetworks().Select(n => n.ToString()).Should().Equal("192.0.2.10/31", "198.51.100.0/24");
    }

    [Fact]
    public void Except_cuts_a_hole_and_the_result_is_exact()
    {
        var set = IpRangeSet.Of(true, [N("203.0.113.0/24")]).Except(IpRangeSet.Of(true, [N("203.0.113.5")]));
        var blocks = set.ToNetworks();
        blocks.Select(n => n.ToString()).Should().Equal(
            "203.0.113.0/30", "203.0.113.4", "203.0.113.6/31", "203.0.113.8/29", "203.0.113.16/28",
            "203.0.113.32/27", "203.0.113.64/26", "203.0.113.128/25");
        for (var i = 0; i < 256; i++)
        {
            var ip = IPAddress.Parse($"203.0.113.{i}");
            blocks.Any(b => b.Contains(ip)).Should().Be(i != 5, $"203.0.113.{i}");
        }
    }

    [Fact]
    public void Whole_ipv6_space_is_one_block()
    {
        var all = IpRangeSet.Of(false, [N("::/0")]);
        all.ToNetworks().Select(n => n.ToString()).Should().Equal("::/0");
        all.Except(IpRangeSet.Of(false, [N("::/1")])).ToNetworks().Select(n => n.ToString()).Should().Equal("8000::/1");
    }

    [Fact]
    public void Network_with_host_bits_is_reported_and_normalised()
    {
        var n = N("192.0.2.5/24");
        n.HasHostBits.Should().BeTrue();
        n.Normalized.ToString().Should().Be("192.0.2.0/24");
        n.Contains(IPAddress.Parse("192.0.2.200")).Should().BeTrue();
        n.Contains(IPAddress.Parse("::ffff:192.0.2.200")).Should().BeFalse("families never match");
    }
}
