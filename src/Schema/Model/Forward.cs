using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <param name="External">True when the target is outside every domain of the portfolio.</param>
public sealed record Forward(
    string From,
    AddressTarget To,
    bool KeepCopy,
    bool External,
    string? Reason,
    string? ApprovedBy,
    DateOnly? Expires,
    SourcePosition Position);
