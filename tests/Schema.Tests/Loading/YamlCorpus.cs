using Reconciler.Bench;
using Reconciler.Tests.Common;

namespace Reconciler.Schema.Tests.Loading;

/// <summary>YAML the fast reader is held to: the repository's own files and generated portfolio manifests.</summary>
internal static class YamlCorpus
{
    // A fixed stand-in for the generator's DKIM key: the shape matters here, not the cryptography.
    private const string DkimKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB";

    public static IEnumerable<string> RepositoryFiles()
    {
        var roots = new[] { RepoPaths.InRepo("examples"), RepoPaths.InRepo("tests") };
        var files = roots
            .SelectMany(r => Directory.EnumerateFiles(r, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));
        var suites = Directory.Exists(RepoPaths.TestSuites)
            ? Directory.EnumerateFiles(RepoPaths.TestSuites, "*.yml", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(RepoPaths.TestSuites, "*.yaml", SearchOption.AllDirectories))
            : [];
        return files.Concat(suites).Order(StringComparer.Ordinal);
    }

    /// <summary>Generated domain manifests (the shape `bench` measures), named like their files would be.</summary>
    public static IEnumerable<(string File, string Text)> GeneratedManifests(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var name = PortfolioGenerator.DomainName(i);
            yield return ($"domains/{name}.yaml", PortfolioGenerator.Domain(i, name, DkimKey, i % 3));
        }
    }

    /// <summary>The generator's portfolio-level files (reconciler.yaml, the template), written once to a temp folder.</summary>
    public static IEnumerable<(string File, string Text)> GeneratedPortfolioFiles()
    {
        var root = Path.Combine(Path.GetTempPath(), "reconciler-yaml-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            PortfolioGenerator.Write(root, 2);
            return Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
                .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f)))
                .ToList();
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }
}
