using System.CommandLine;
using System.Globalization;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.Wire;
using Reconciler.Secrets;

namespace Reconciler.Cli;

/// <summary>
/// `reconciler dig NAME [TYPE] [@SERVER[:PORT]]`: one question to one server, the answer in presentation format
/// (the same printer plans and zone files use). TYPE AXFR lists a whole zone. Without @SERVER the first
/// nameserver of /etc/resolv.conf is asked.
/// </summary>
public static class DigCommand
{
    private static readonly RecordType Axfr = new(252);

    public static Command Create(CliServices services)
    {
        var words = new Argument<string[]>("query")
        {
            Description = "NAME, then optionally TYPE (default A) and @SERVER[:PORT] in any order, e.g. example.com MX @127.0.0.1:5353.",
            Arity = new ArgumentArity(1, 3),
        };
        var key = new Option<string?>("--tsig-key")
        {
            Description = "Sign with a TSIG key given as a secret reference: env:NAME or file:PATH (BIND key format or name:algorithm:secret).",
        };
        var norec = new Option<bool>("--norec") { Description = "Do not ask the server to recurse (clear RD), as for an authoritative server." };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for each try.",
            DefaultValueFactory = _ => 2,
        };
        var command = new Command("dig", "Ask a DNS server one question and print the answer in presentation format.") { words, key, norec, timeout };
        command.SetAction(async (parse, ct) =>
        {
            DnsName name;
            RecordType type;
            DnsServerAddress server;
            try
            {
                (name, type, server) = ParseQuery(parse.GetValue(words)!);
            }
            catch (FormatException e)
            {
                await services.Error.WriteLineAsync($"reconciler dig: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                TsigKey? tsig = null;
                if (parse.GetValue(key) is { } reference)
                {
                    var text = await SecretReference.Parse(reference).ResolveAsync(Environment.CurrentDirectory, ct);
                    tsig = TsigKey.Parse(text, $"the TSIG key from '{reference}'");
                }

                var client = new DnsClient(server, new DnsClientOptions { TsigKey = tsig, Timeout = TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(timeout))), Clock = services.Clock });
                if (type == Axfr)
                {
                    var records = await client.TransferAsync(name, ct);
                    foreach (var r in records.Append(records[0]))
                    {
                        await services.Out.WriteLineAsync(r.ToPresentation());
                    }

                    await services.Out.WriteLineAsync($";; {records.Count + 1} records from {server}");
                    return ExitCodes.Ok;
                }

                var query = DnsMessage.Query(0, name, type, DnsClass.IN, recursionDesired: !parse.GetValue(norec));
                var response = await client.ExchangeAsync(query, sign: tsig is not null, ct);
                await services.Out.WriteAsync(response.ToPresentation());
                await services.Out.WriteLineAsync($";; SERVER: {server}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is DnsException or SecretException or FormatException)
            {
                await services.Error.WriteLineAsync($"reconciler dig: {e.Message}");
                return ExitCodes.Errors;
            }
        });
        return command;
    }

    private static (DnsName Name, RecordType Type, DnsServerAddress Server) ParseQuery(string[] words)
    {
        string? name = null, type = null, server = null;
        foreach (var w in words)
        {
            if (w.StartsWith('@'))
            {
                server = server is null ? w[1..] : throw new FormatException("give at most one @SERVER");
            }
            else if (name is null)
            {
                name = w;
            }
            else
            {
                type = type is null ? w : throw new FormatException($"unexpected '{w}': the query is NAME [TYPE] [@SERVER[:PORT]]");
            }
        }

        if (name is null)
        {
            throw new FormatException("give the NAME to look up");
        }

        var recordType = RecordType.A;
        if (type is not null && !string.Equals(type, "AXFR", StringComparison.OrdinalIgnoreCase) && !RecordType.TryParse(type, out recordType))
        {
            throw new FormatException($"unknown record type '{type}'; {RecordType.SupportedHint}, or AXFR");
        }

        var parsedName = DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out var n)
            ? n
            : throw new FormatException($"'{name}' is not a domain name");
        return (parsedName, type is not null && string.Equals(type, "AXFR", StringComparison.OrdinalIgnoreCase) ? Axfr : recordType, DnsServerAddress.Parse(server ?? SystemResolver()));
    }

    /// <summary>The first nameserver in /etc/resolv.conf, or 127.0.0.1.</summary>
    private static string SystemResolver()
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/resolv.conf"))
            {
                var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts is ["nameserver", var address, ..])
                {
                    return address.Contains(':') ? $"[{address}]:53" : address;
                }
            }
        }
        catch (IOException)
        {
            // no resolv.conf: fall back below
        }
        catch (UnauthorizedAccessException)
        {
            // unreadable: fall back below
        }

        return "127.0.0.1:" + DnsServerAddress.DefaultPort.ToString(CultureInfo.InvariantCulture);
    }
}
