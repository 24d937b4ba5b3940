using System.CommandLine;
using System.Globalization;
using Reconciler.Dns.Client;
using Reconciler.Posture.Live;

namespace Reconciler.Cli;

/// <summary>How verbs that read live DNS reach it: our DNS client asking one resolver.</summary>
public sealed class LiveDnsOptions
{
    public Option<string?> Resolver { get; } = new("--resolver")
    {
        Description = "DNS server to ask, host[:port] (e.g. 127.0.0.1:5353). Default: the first nameserver in /etc/resolv.conf.",
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for each DNS try (and for an HTTPS fetch, times 5).",
        DefaultValueFactory = _ => 2,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Resolver);
        command.Options.Add(Timeout);
    }

    /// <exception cref="FormatException">The resolver address does not parse.</exception>
    public (DnsPostureResolver Resolver, string Server) Create(ParseResult parse, CliServices services)
    {
        var server = DnsServerAddress.Parse(parse.GetValue(Resolver) ?? DigCommand.SystemResolver());
        var client = new DnsClient(server, new DnsClientOptions { Timeout = TimeoutOf(parse), Clock = services.Clock });
        return (new DnsPostureResolver(client), server.ToString());
    }

    public TimeSpan TimeoutOf(ParseResult parse) => TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(Timeout)));

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
}
