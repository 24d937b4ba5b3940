using System.Collections.Concurrent;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Schema;

/// <summary>
/// Reads a portfolio folder (<c>reconciler.yaml</c>, <c>templates/*.yaml</c>, <c>domains/**/*.yaml</c>) into the
/// model: YAML with positions, the schema, templates merged, then the manifest rules. Every problem becomes a
/// diagnostic naming file, line and column; nothing is thrown for bad input.
/// </summary>
public sealed class PortfolioLoader
{
    public const string ConfigFileName = "reconciler.yaml";

    private readonly ManifestSchema _schema;
    private readonly IReadOnlyList<IManifestRule> _rules;
    private readonly TimeProvider _clock;

    public PortfolioLoader(ManifestSchema schema, IEnumerable<IManifestRule>? extraRules = null, TimeProvider? clock = null)
    {
        _schema = schema;
        _rules = [new DnsRules(), new MailRoutingRules(), new MailAuthenticationRules(), .. extraRules ?? []];
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Loads the portfolio at <paramref name="path"/>: a portfolio folder, or one domain file inside one (then only
    /// that domain is checked, with the portfolio's config and templates).
    /// </summary>
    /// <remarks>
    /// Synchronous inside: manifests are a few KB each, read from the page cache by a parallel loop on every core,
    /// and an async read per file costs more in continuations than the read itself.
    /// </remarks>
    public Task<PortfolioLoadResult> LoadAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(Load(path, cancellationToken));

    private PortfolioLoadResult Load(string path, CancellationToken cancellationToken)
    {
        var diagnostics = new ConcurrentBag<Diagnostic>();
        string root;
        string[] domainFiles;
        if (File.Exists(path))
        {
            root = FindRoot(Path.GetDirectoryName(Path.GetFullPath(path))!) ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
            domainFiles = [Path.GetFullPath(path)];
        }
        else if (Directory.Exists(path))
        {
            root = Path.GetFullPath(path);
            var domainsDir = Path.Combine(root, "domains");
            domainFiles = Directory.Exists(domainsDir)
                ? Directory.GetFiles(domainsDir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
                : [];
        }
        else
        {
            return new PortfolioLoadResult(
                null,
                [RuleCatalog.Unreadable.At(new SourcePosition(path, 0, 0), $"no such file or folder '{path}'")],
                0,
                0);
        }

        var configPath = Path.Combine(root, ConfigFileName);
        var config = LoadConfig(configPath, root, diagnostics);
        var templates = LoadTemplates(Path.Combine(root, "templates"), diagnostics);

        // Pass 1: parse every domain file (the set of portfolio domains is needed to tell external forwards apart).
        var parsed = new (string File, MapNode? Node, string? Domain)[domainFiles.Length];
        Parallel.For(
            0,
            domainFiles.Length,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                var file = Display(domainFiles[i]);
                var node = ReadYaml(domainFiles[i], file, diagnostics);
                if (node is not null and not MapNode)
                {
                    foreach (var d in _schema.Validate(node, SchemaPart.Domain))
                    {
                        diagnostics.Add(d);
                    }
                }

                var map = node as MapNode;
                parsed[i] = (file, map, map?["domain"] is StringNode s ? DomainNames.ToAscii(s.Value) : null);
            });

        var portfolioDomains = parsed.Where(p => p.Domain is not null).Select(p => p.Domain!).ToHashSet(StringComparer.Ordinal);
        var context = new RuleContext(config, portfolioDomains, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime));
        var merger = new TemplateMerger(templates);
        var bound = new DomainManifest?[parsed.Length];

        // Pass 2: merge templates, validate, bind, run the rules.
        Parallel.For(0, parsed.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (file, node, domain) = parsed[i];
            if (node is null)
            {
                return;
            }

            var local = new List<Diagnostic>();
            var merged = merger.Merge(node, domain ?? "", local);

            var schemaErrors = _schema.Validate(merged, SchemaPart.Domain);
            local.AddRange(schemaErrors);
            if (schemaErrors.Count == 0 && !local.Any(d => d.IsError))
            {
                var manifest = ManifestBinder.BindDomain(merged, file, config, portfolioDomains);
                local.AddRange(CheckProviders(manifest, config));
                foreach (var rule in _rules)
                {
                    local.AddRange(rule.Check(manifest, context));
                }

                var expected = Path.GetFileNameWithoutExtension(file);
                if (!string.Equals(DomainNames.ToAscii(expected), manifest.Domain, StringComparison.Ordinal)
                    && !string.Equals(expected, DomainNames.ToUnicode(manifest.Domain), StringComparison.Ordinal))
                {
                    local.Add(RuleCatalog.FileNameMismatch.At(node["domain"]!.Position, $"file {Path.GetFileName(file)} declares {manifest.Domain}"));
                }

                bound[i] = manifest;
            }

            foreach (var d in local)
            {
                diagnostics.Add(d);
            }
        });

        var domains = new List<DomainManifest>();
        var byName = new Dictionary<string, DomainManifest>(StringComparer.Ordinal);
        foreach (var m in bound)
        {
            if (m is null)
            {
                continue;
            }

            if (byName.TryGetValue(m.Domain, out var first))
            {
                diagnostics.Add(RuleCatalog.DuplicateDomain.At(m.Position, $"{m.Domain} is also declared in {first.File}"));
                continue;
            }

            byName.Add(m.Domain, m);
            domains.Add(m);
        }

        if (domainFiles.Length == 0)
        {
            diagnostics.Add(RuleCatalog.NoDomains.At(new SourcePosition(Display(Path.Combine(root, "domains")), 0, 0), "the portfolio has no domain manifests"));
        }

        var ordered = diagnostics
            .Distinct()
            .OrderBy(d => d.Position.File, StringComparer.Ordinal)
            .ThenBy(d => d.Position.Line)
            .ThenBy(d => d.Position.Column)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        return new PortfolioLoadResult(
            new Portfolio(root, config, domains),
            ordered,
            domainFiles.Length + templates.Count + (File.Exists(configPath) ? 1 : 0),
            domainFiles.Length);
    }

    /// <summary>The folder holding reconciler.yaml at or above <paramref name="start"/>.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ConfigFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static IEnumerable<Diagnostic> CheckProviders(DomainManifest m, PortfolioConfig config)
    {
        if (m.Dns.Provider is null)
        {
            yield return RuleCatalog.NoDnsProvider.At(m.Position, $"{m.Domain} names no DNS provider and reconciler.yaml sets no default");
        }
        else if (!config.Providers.TryGetValue(m.Dns.Provider, out var p))
        {
            yield return RuleCatalog.UnknownProvider.At(m.Dns.Position, $"DNS provider '{m.Dns.Provider}' is not declared in {ConfigFileName}{Known(config)}");
        }
        else if (!p.IsDns)
        {
            yield return RuleCatalog.WrongProviderKind.At(m.Dns.Position, $"'{m.Dns.Provider}' is a {p.Kind} provider, not a DNS provider");
        }

        if (m.Mail.Provider is { } mp)
        {
            if (!config.Providers.TryGetValue(mp, out var p2))
            {
                yield return RuleCatalog.UnknownProvider.At(m.Mail.Position.IsKnown ? m.Mail.Position : m.Position, $"mail provider '{mp}' is not declared in {ConfigFileName}{Known(config)}");
            }
            else if (!p2.IsMail)
            {
                yield return RuleCatalog.WrongProviderKind.At(m.Mail.Position.IsKnown ? m.Mail.Position : m.Position, $"'{mp}' is a {p2.Kind} provider, not a mail provider");
            }
        }
    }

    private static string Known(PortfolioConfig config) =>
        config.Providers.Count == 0 ? "" : " (declared: " + string.Join(", ", config.Providers.Keys.Order(StringComparer.Ordinal)) + ")";

    private PortfolioConfig LoadConfig(string path, string root, ConcurrentBag<Diagnostic> diagnostics)
    {
        var file = Display(path);
        var empty = new PortfolioConfig(root, file, new Dictionary<string, ProviderConfig>(), null, null, 3600, SafetyLimits.Default, DaemonSettings.Default);
        if (!File.Exists(path))
        {
            diagnostics.Add(RuleCatalog.NoConfig.At(new SourcePosition(file, 0, 0), $"{file} not found"));
            return empty;
        }

        var node = ReadYaml(path, file, diagnostics);
        if (node is null)
        {
            return empty;
        }

        var errors = _schema.Validate(node, SchemaPart.Config);
        foreach (var e in errors)
        {
            diagnostics.Add(e);
        }

        if (errors.Count > 0 || node is not MapNode map)
        {
            return empty;
        }

        var config = ManifestBinder.BindConfig(map, root, file);
        foreach (var (name, value) in new[] { ("dnsProvider", config.DefaultDnsProvider), ("mailProvider", config.DefaultMailProvider) })
        {
            if (value is not null && !config.Providers.ContainsKey(value))
            {
                var at = (map["defaults"] as MapNode)?[name]?.Position ?? map.Position;
                diagnostics.Add(RuleCatalog.UnknownProvider.At(at, $"defaults.{name} '{value}' is not declared under providers{Known(config)}"));
            }
        }

        return config;
    }

    private Dictionary<string, TemplateMerger.TemplateSource> LoadTemplates(string dir, ConcurrentBag<Diagnostic> diagnostics)
    {
        var templates = new Dictionary<string, TemplateMerger.TemplateSource>(StringComparer.Ordinal);
        if (!Directory.Exists(dir))
        {
            return templates;
        }

        foreach (var path in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var file = Display(path);
            var node = ReadYaml(path, file, diagnostics);
            if (node is null)
            {
                continue;
            }

            var errors = _schema.Validate(node, SchemaPart.Template);
            foreach (var e in errors)
            {
                diagnostics.Add(e);
            }

            if (node is MapNode map)
            {
                templates[Path.GetFileNameWithoutExtension(path)] = new TemplateMerger.TemplateSource(Path.GetFileNameWithoutExtension(path), map);
            }
        }

        return templates;
    }

    private static Node? ReadYaml(string path, string file, ConcurrentBag<Diagnostic> diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(RuleCatalog.Unreadable.At(new SourcePosition(file, 0, 0), e.Message));
            return null;
        }

        var result = YamlLoader.Load(text, file);
        foreach (var d in result.Diagnostics)
        {
            diagnostics.Add(d);
        }

        return result.Document;
    }

    /// <summary>Paths in messages: relative to the working folder when under it, so they can be clicked.</summary>
    private static string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}
