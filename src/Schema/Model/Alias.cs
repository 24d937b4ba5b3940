using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record Alias(string Local, IReadOnlyList<AddressTarget> To, SourcePosition Position);
