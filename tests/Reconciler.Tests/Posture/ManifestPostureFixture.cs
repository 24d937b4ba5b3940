using Reconciler.Planning;
using Reconciler.Posture.Manifest;
using Reconciler.Schema;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Posture;

/// <summary>Loads one domain manifest through the real loader with the executable's extra rules, as `validate` does.</summary>
public static class ManifestPostureFixture
{
    public const string Config = """
        providers:
          zones: { kind: zonefile, settings: { directory: z } }
        defaults: { dnsProvider: zones }
        """;

    private static readonly Lazy<ManifestSchema> Schema = new(ManifestSchema.LoadEmbedded);

    public sealed record Loaded(PortfolioLoadResult Result, DomainManifest? Manifest, string File)
    {
        public IReadOnlyList<Diagnostic> Diagnostics => Result.Diagnostics;

        /// <summary>"CODE line:col" for each diagnostic, the way the broken-manifest corpus writes expectations.</summary>
        public IEnumerable<string> Codes => Diagnostics.Select(d => $"{d.Code} {d.Position.Line}:{d.Position.Column}");
    }

    public static Loaded Load(string yaml, string config = Config)
    {
        using var p = TempPortfolio.Empty();
        p.Write("reconciler.yaml", config);
        var file = p.Write("domains/d.example.yaml", yaml);
        var loader = new PortfolioLoader(Schema.Value, [new PostureManifestRule(), new RecordValueRule()]);
        var result = loader.LoadAsync(p.Path, CancellationToken.None).GetAwaiter().GetResult();
        return new Loaded(result, result.Portfolio?.Domains.SingleOrDefault(), file);
    }
}
