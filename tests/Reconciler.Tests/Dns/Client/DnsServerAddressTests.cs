using Reconciler.Dns.Client;

namespace Reconciler.Tests.Dns.Client;

public class DnsServerAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:5353", "127.0.0.1", 5353, "127.0.0.1:5353")]
    [InlineData("127.0.0.1", "127.0.0.1", 53, "127.0.0.1:53")]
    [InlineData("[::1]:5353", "::1", 5353, "[::1]:5353")]
    [InlineData("[::1]", "::1", 53, "[::1]:53")]
    [InlineData("2001:db8::53", "2001:db8::53", 53, "[2001:db8::53]:53")]
    [InlineData("ns1.example.com:1053", "ns1.example.com", 1053, "ns1.example.com:1053")]
    public void Parses_host_and_port(string text, string host, int port, string shown)
    {
        var address = DnsServerAddress.Parse(text);
        address.Host.Should().Be(host);
        address.Port.Should().Be(port);
        address.ToString().Should().Be(shown);
    }

    [Theory]
    [InlineData("", "*empty*")]
    [InlineData("127.0.0.1:0", "*1 to 65535*")]
    [InlineData("127.0.0.1:99999", "*1 to 65535*")]
    [InlineData("[::1:53", "*without closing*")]
    [InlineData("[nope]:53", "*not an IPv6 address*")]
    [InlineData(":53", "*no host*")]
    public void Refuses_malformed_addresses(string text, string message)
    {
        var act = () => DnsServerAddress.Parse(text);
        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public async Task Literal_addresses_resolve_without_a_lookup()
    {
        var endpoints = await DnsServerAddress.Parse("[::1]:5353").ResolveAsync(default);
        endpoints.Should().ContainSingle().Which.ToString().Should().Be("[::1]:5353");
    }
}
