using System.CommandLine;
using Reconciler.Dns;
using Reconciler.Importing;
using Reconciler.Providers;

namespace Reconciler.Cli;

/// <summary>`reconciler import`: a manifest from a domain's live state, to onboard it without retyping records.</summary>
public static class ImportCommand
{
    public static Command Create(CliServices services)
    {
        var path = CliOptions.PortfolioArgument();
        var providers = new Option<string[]>("--provider", "-p")
        {
            Description = "Provider(s) to read from, by name in reconciler.yaml: a DNS provider, a mail provider, or one of each.",
            Required = true,
        };
        var domain = new Option<string>("--domain", "-d") { Description = "The domain to import.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the manifest to this file instead of standard output." };
        var command = new Command("import", "Write a manifest for a domain from its live state.") { path, providers, domain, output };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = await services.LoadPortfolioAsync(parse.GetValue(path)!, ct);
            if (loaded.Portfolio is null || loaded.Diagnostics.Any(d => d.IsError && d.Position.File.EndsWith(Schema.PortfolioLoader.ConfigFileName, StringComparison.Ordinal)))
            {
                DiagnosticPrinter.PrintText(services.Error, loaded, services.Color);
                return ExitCodes.Errors;
            }

            var config = loaded.Portfolio.Config;
            var set = services.CreateProviders(config);
            var name = Schema.Model.DomainNames.ToAscii(parse.GetValue(domain)!);
            string? dnsName = null, mailName = null;
            LiveZone? zone = null;
            LiveMailDomain? mail = null;
            try
            {
                foreach (var p in parse.GetValue(providers)!)
                {
                    if (!config.Providers.TryGetValue(p, out var pc))
                    {
                        await services.Error.WriteLineAsync($"reconciler: provider '{p}' is not declared in {config.File} (declared: {string.Join(", ", config.Providers.Keys)})");
                        return ExitCodes.Usage;
                    }

                    if (pc.IsDns)
                    {
                        dnsName = p;
                        zone = await set.Dns(p).ReadZoneAsync(DnsName.Parse(name + "."), ct)
                            ?? throw new ProviderException($"{p}: has no zone {name}");
                    }
                    else
                    {
                        mailName = p;
                        mail = await set.Mail(p).ReadDomainAsync(name, ct)
                            ?? throw new ProviderException($"{p}: does not accept mail for {name}");
                    }
                }
            }
            catch (ProviderException e)
            {
                await services.Error.WriteLineAsync($"reconciler: {e.Message}");
                return ExitCodes.Errors;
            }

            var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
            // A portfolio keeps `reconciler schema > manifest.schema.json` at its root, next to domains/.
            var managed = dnsName is null ? null : set.Dns(dnsName).ManagedTypes;
            var yaml = ManifestImporter.Write(name, dnsName, zone, mailName, mail, today, "../manifest.schema.json", managed);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, yaml, ct);
                await services.Error.WriteLineAsync($"Wrote {file}; run `reconciler validate` and fill in what it asks for.");
            }
            else
            {
                await services.Out.WriteAsync(yaml);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
