using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <param name="Mode">enforce, testing or none.</param>
/// <param name="Mx">Patterns; empty means "the MX hosts".</param>
public sealed record MtaStsPolicy(string Mode, IReadOnlyList<string> Mx, int MaxAge, string Id, SourcePosition Position);
