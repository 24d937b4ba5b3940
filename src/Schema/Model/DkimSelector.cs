using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <param name="PublicKey">Base64 key, whitespace removed; null when <paramref name="GeneratedByProvider"/>.</param>
public sealed record DkimSelector(
    string Selector,
    DkimKeyType Type,
    string? PublicKey,
    bool GeneratedByProvider,
    DkimState State,
    bool Testing,
    SourcePosition Position);
