using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Reconciler.Posture;
using Reconciler.Posture.Live;
using Reconciler.Posture.Manifest;
using Reconciler.Posture.MtaSts;
using Reconciler.Posture.Reporting;
using Reconciler.Schema;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Cli;

/// <summary>
/// `reconciler posture`: each domain's SPF, DKIM, DMARC, MX, MTA-STS and TLS-RPT findings and a grade, from the
/// manifests (default, no network) or from live DNS and the MTA-STS policy files (--live).
/// </summary>
public static class PostureCommand
{
    private const int LiveParallelism = 8;

    public static Command Create(CliServices services)
    {
        var path = CliOptions.PortfolioArgument();
        var live = new Option<bool>("--live") { Description = "Check what is published (DNS through --resolver, MTA-STS policies over HTTPS) instead of the manifests." };
        var domains = CliOptions.Domains();
        domains.Description = "Only this domain (repeatable). With --live, a domain outside the portfolio is checked without a manifest.";
        var format = CliOptions.Format(OutputFormat.Text, OutputFormat.Markdown, OutputFormat.Json, OutputFormat.Html);
        var output = new Option<string?>("--out", "-o") { Description = "Write the report to this file instead of standard output." };
        var dns = new LiveDnsOptions();
        var caFile = new Option<string?>("--ca-file") { Description = "With --live: trust only the CA certificates in this PEM file for MTA-STS policy hosts (a private CA)." };
        var connectTo = new Option<string[]>("--connect-to")
        {
            Description = "With --live: HOST=ADDRESS:PORT, fetch https://HOST/ from ADDRESS:PORT instead (repeatable), e.g. mta-sts.example.com=127.0.0.1:8443.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("posture", "Grade each domain's mail posture (SPF, DKIM, DMARC, MX, MTA-STS, TLS-RPT) with findings, RFC sections and fixes. " + PostureGrading.Explanation)
        {
            path, live, domains, format, output, caFile, connectTo,
        };
        dns.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var isLive = parse.GetValue(live);
            var wanted = (parse.GetValue(domains) ?? []).Select(Schema.Model.DomainNames.ToAscii).Distinct().ToList();
            // The posture checks run below, per domain; loading only needs the schema and the built-in rules.
            var loaded = await services.LoadPortfolioWithoutExtraRulesAsync(parse.GetValue(path)!, ct);
            var noPortfolio = loaded.Portfolio is null || loaded.Diagnostics.Any(d => d.Code == RuleCatalog.NoConfig.Code);
            if (noPortfolio && !(isLive && wanted.Count > 0))
            {
                DiagnosticPrinter.PrintText(services.Error, loaded, services.Color);
                return ExitCodes.Errors;
            }

            var portfolio = noPortfolio ? null : loaded.Portfolio;
            var selected = new List<(string Domain, DomainManifest? Manifest)>();
            if (wanted.Count == 0)
            {
                selected.AddRange(portfolio!.Domains.Select(m => (m.Domain, (DomainManifest?)m)));
            }
            else
            {
                foreach (var d in wanted)
                {
                    var manifest = portfolio?.Find(d);
                    if (manifest is null && !isLive)
                    {
                        await services.Error.WriteLineAsync($"reconciler: {d} has no manifest in the portfolio; add domains/{d}.yaml, or check it with --live.");
                        return ExitCodes.Usage;
                    }

                    selected.Add((d, manifest));
                }
            }

            var unread = portfolio is null ? 0 : loaded.DomainsChecked - portfolio.Domains.Count;
            PostureReport report;
            if (isLive)
            {
                try
                {
                    report = await LiveReportAsync(services, parse, dns, parse.GetValue(caFile), parse.GetValue(connectTo) ?? [], portfolio, selected, ct);
                }
                catch (FormatException e)
                {
                    await services.Error.WriteLineAsync($"reconciler: {e.Message}");
                    return ExitCodes.Usage;
                }
                catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
                {
                    await services.Error.WriteLineAsync($"reconciler: cannot read the CA file: {e.Message}");
                    return ExitCodes.Usage;
                }
            }
            else
            {
                var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
                var context = new RuleContext(portfolio!.Config, portfolio.Domains.Select(d => d.Domain).ToHashSet(StringComparer.Ordinal), today);
                var results = new DomainPosture[selected.Count];
                Parallel.For(0, selected.Count, new ParallelOptions { CancellationToken = ct }, i => results[i] = ManifestPostureAssessor.Assess(selected[i].Manifest!, context));
                report = new PostureReport("manifests", services.Clock.GetUtcNow(), results);
            }

            await WriteAsync(services, report, parse.GetValue(format), parse.GetValue(output), ct);
            if (unread > 0)
            {
                await services.Error.WriteLineAsync($"reconciler: {unread} domain manifest{(unread == 1 ? " has" : "s have")} errors that keep {(unread == 1 ? "it" : "them")} out of the report; run `reconciler validate`.");
            }

            return report.HasErrors || unread > 0 ? ExitCodes.Errors : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<PostureReport> LiveReportAsync(
        CliServices services, ParseResult parse, LiveDnsOptions dns, string? caFile, string[] connectTo, Portfolio? portfolio,
        List<(string Domain, DomainManifest? Manifest)> selected, CancellationToken ct)
    {
        var (resolver, server) = dns.Create(parse, services);
        var fetchOptions = new MtaStsFetchOptions
        {
            Timeout = dns.TimeoutOf(parse) * 5,
            ConnectTo = ParseConnectTo(connectTo),
            TrustedRoots = caFile is null ? null : LoadRoots(caFile),
        };
        using var fetcher = new MtaStsPolicyFetcher(resolver, fetchOptions);
        var assessor = new LivePostureAssessor(resolver, fetcher, new LivePostureOptions
        {
            Today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime),
            RetireDkimAfterDays = portfolio?.Config.Safety.RetireDkimAfterDays ?? SafetyLimits.Default.RetireDkimAfterDays,
        });
        var results = new DomainPosture[selected.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, selected.Count),
            new ParallelOptions { MaxDegreeOfParallelism = LiveParallelism, CancellationToken = ct },
            async (i, token) => results[i] = await assessor.AssessAsync(selected[i].Domain, selected[i].Manifest, token));
        return new PostureReport($"live DNS via {server}", services.Clock.GetUtcNow(), results);
    }

    private static IReadOnlyList<X509Certificate2> LoadRoots(string file)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(file);
        return roots.Count > 0 ? roots.ToList() : throw new FormatException($"{file} holds no PEM certificate");
    }

    private static Dictionary<string, string> ParseConnectTo(string[] values)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=');
            if (eq <= 0 || !IPEndPoint.TryParse(v[(eq + 1)..], out var ep) || ep.Port == 0)
            {
                throw new FormatException($"--connect-to '{v}': write HOST=ADDRESS:PORT, e.g. mta-sts.example.com=127.0.0.1:8443");
            }

            map[Posture.DomainNames.Normalize(v[..eq])] = v[(eq + 1)..];
        }

        return map;
    }

    private static int? TerminalWidth()
    {
        try
        {
            return Console.IsOutputRedirected ? null : Console.WindowWidth;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task WriteAsync(CliServices services, PostureReport report, OutputFormat format, string? file, CancellationToken ct)
    {
        var writer = file is null ? services.Out : new StringWriter();
        switch (format)
        {
            case OutputFormat.Json:
                await writer.WriteLineAsync(PostureJsonWriter.Write(report));
                break;
            case OutputFormat.Markdown:
                PostureMarkdownRenderer.Render(writer, report);
                break;
            case OutputFormat.Html:
                await writer.WriteAsync(PostureHtmlRenderer.Render(report));
                break;
            default:
                PostureTextRenderer.Render(writer, report, terminal: file is null && services.Color, TerminalWidth());
                break;
        }

        if (file is not null)
        {
            await File.WriteAllTextAsync(file, writer.ToString(), ct);
            await services.Error.WriteLineAsync($"Wrote {file}: {PostureTextRenderer.Summary(report)}");
        }
    }
}
