using Reconciler.Schema.Validation;

namespace Reconciler.Schema.Loading;

/// <summary>The document of one YAML file, or null when it could not be read; with what went wrong.</summary>
public sealed record YamlLoadResult(Node? Document, IReadOnlyList<Diagnostic> Diagnostics);
