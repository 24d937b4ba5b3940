using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record TlsRptPolicy(IReadOnlyList<string> Rua, SourcePosition Position);
