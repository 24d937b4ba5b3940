using System.Text;
using Reconciler.Dns;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>Zone texts beyond the standard one: a corpus of awkward data, and one too big for one message.</summary>
public static class TestZones
{
    public static readonly DnsName Rich = DnsName.Parse("rich.bind.test.");
    public static readonly DnsName Big = DnsName.Parse("big.bind.test.");

    /// <summary>Records in the big zone besides SOA and NS: enough that an AXFR spans several 64 KB messages.</summary>
    public const int BigHosts = 4000;

    /// <summary>
    /// Escapes, empty and over-long TXT, IDN names, CAA with quotes, wildcards, unknown types. IDN labels are written
    /// as A-labels: BIND refuses raw UTF-8 owner names (check-names).
    /// </summary>
    public static string RichZone(DnsName origin) => $$"""
        $ORIGIN {{origin}}
        $TTL 3600
        @ SOA ns1 hostmaster 2024010100 7200 3600 1209600 300
        @ NS ns1
        @ NS ns2.example.net.
        @ MX 10 mail
        @ MX 20 mx.xn--bcher-kva.example.
        @ TXT "v=spf1 mx -all"
        @ CAA 0 issue "letsencrypt.org; validationmethods=dns-01"
        @ CAA 0 iodef "mailto:security@example.com"
        @ CAA 128 tbs "say \"hi\"; \\ done"
        ns1 A 127.0.0.1
        ns1 AAAA 2001:db8::53
        mail 300 A 192.0.2.25
        _25._tcp.mail TLSA 3 1 1 ( 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1 )
        _dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"
        _sip._tcp SRV 10 60 5060 sip
        _sip._udp SRV 0 0 0 .
        sip A 192.0.2.60
        www CNAME @
        xn--bcher-kva A 192.0.2.80
        *.wild A 192.0.2.81
        a\.b TXT "dot in a label"
        empty TXT ""
        escapes TXT "tab\009nul\000high\255quote\"backslash\\" "second;string"
        long TXT {{Strings(new string('k', 300))}}
        dkim._domainkey TXT {{Strings("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(Enumerable.Range(0, 294).Select(i => (byte)i).ToArray()))}}
        1.2 PTR host.example.com.
        private TYPE65280 \# 4 DEADBEEF
        private-empty TYPE65281 \# 0

        """;

    /// <summary>A long value as BIND's zone files need it: quoted strings of at most 255 characters.</summary>
    public static string Strings(string value) =>
        string.Join(' ', value.Chunk(255).Select(c => $"\"{new string(c)}\""));

    /// <summary>Thousands of hosts, one TXT set far over the 1,232-octet UDP size, and a type BIND knows and we do not (HINFO).</summary>
    public static string BigZone(DnsName origin)
    {
        var sb = new StringBuilder($"$ORIGIN {origin}\n$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 127.0.0.1\n");
        for (var i = 0; i < BigHosts; i++)
        {
            sb.Append($"host{i} A 10.{i / 65536}.{i / 256 % 256}.{i % 256}\n");
        }

        sb.Append("hinfo HINFO \"PC\" \"Linux\"\n");
        for (var i = 0; i < 12; i++)
        {
            sb.Append($"large TXT \"{i:D2}{new string('t', 198)}\"\n");
        }

        return sb.ToString();
    }
}
