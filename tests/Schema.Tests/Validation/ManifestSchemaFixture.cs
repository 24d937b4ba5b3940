using Reconciler.Schema.Validation;

namespace Reconciler.Schema.Tests.Validation;

/// <summary>The embedded schema, compiled once for the test run.</summary>
public static class ManifestSchemaFixture
{
    private static readonly Lazy<ManifestSchema> Compiled = new(ManifestSchema.LoadEmbedded);

    public static ManifestSchema Schema => Compiled.Value;
}
