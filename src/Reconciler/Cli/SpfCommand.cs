using System.CommandLine;
using System.Globalization;
using Reconciler.Posture;
using Reconciler.Posture.Spf;

namespace Reconciler.Cli;

/// <summary>`reconciler spf flatten`: a domain's SPF policy as ip4/ip6 ranges, printed; nothing is changed.</summary>
public static class SpfCommand
{
    public static Command Create(CliServices services)
    {
        var command = new Command("spf", "SPF tools.");
        command.Subcommands.Add(Flatten(services));
        return command;
    }

    private static Command Flatten(CliServices services)
    {
        var domain = new Option<string>("--domain", "-d") { Description = "The domain whose published SPF record is flattened.", Required = true };
        var maxOctets = new Option<int>("--max-octets")
        {
            Description = "Longest record before ranges move to extra _spfN records included from it (default 450: fits a 512-octet UDP answer).",
            DefaultValueFactory = _ => new SpfFlattenOptions().MaxRecordOctets,
        };
        var dns = new LiveDnsOptions();
        var command = new Command("flatten", "Print the domain's SPF policy with include, a and mx replaced by the ranges they stand for today, and how many TXT strings it needs. Changes nothing.")
        {
            domain, maxOctets,
        };
        dns.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            IPostureResolver resolver;
            string server;
            try
            {
                (var client, server) = dns.Create(parse, services);
                resolver = client;
            }
            catch (FormatException e)
            {
                await services.Error.WriteLineAsync($"reconciler: {e.Message}");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(maxOctets) is < 100 or > 4000)
            {
                await services.Error.WriteLineAsync("reconciler: --max-octets must be between 100 and 4000.");
                return ExitCodes.Usage;
            }

            var d = DomainNames.Normalize(parse.GetValue(domain)!);
            var inspector = new PostureInspector(resolver);
            var analysis = await inspector.AnalyzeSpfAsync(d, ct);
            var flat = await inspector.FlattenSpfAsync(d, ct, new SpfFlattenOptions { MaxRecordOctets = parse.GetValue(maxOctets) });
            var o = services.Out;
            if (!flat.Success)
            {
                await services.Error.WriteLineAsync($"reconciler: cannot flatten the SPF policy of {d}: {flat.Error}");
                return ExitCodes.Errors;
            }

            await o.WriteLineAsync($"; SPF of {d} as published (via {server}): {analysis.DnsLookups} DNS lookup{(analysis.DnsLookups == 1 ? "" : "s")} per evaluation{(analysis.DnsLookups > 10 ? " — over the limit of 10" : "")}");
            await o.WriteLineAsync($";   {flat.OriginalRecord}");
            await o.WriteLineAsync($"; Flattened ({flat.DnsLookups} lookup{(flat.DnsLookups == 1 ? "" : "s")}); a snapshot of today's ranges: flatten again when a sender changes them.");
            foreach (var r in flat.Records)
            {
                await o.WriteLineAsync($"{r.Name}. TXT {string.Join(' ', r.Strings.Select(s => $"\"{s}\""))}");
            }

            await o.WriteLineAsync($"; {flat.Records.Count} TXT record{(flat.Records.Count == 1 ? "" : "s")}, {flat.TxtStringCount} TXT string{(flat.TxtStringCount == 1 ? "" : "s")} of at most 255 octets; {flat.PassIPv4.Count.ToString(CultureInfo.InvariantCulture)} IPv4 and {flat.PassIPv6.Count.ToString(CultureInfo.InvariantCulture)} IPv6 ranges pass.");
            if (flat.KeptTerms.Count > 0)
            {
                await o.WriteLineAsync($"; Kept as written (they depend on the message): {string.Join(' ', flat.KeptTerms)}");
            }

            foreach (var f in flat.Findings)
            {
                await o.WriteLineAsync($"; {f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message} ({f.Rfc})");
            }

            await o.WriteLineAsync("; Nothing was changed. To publish it, put these values in dns.records (or list the ranges in mail.spf).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
