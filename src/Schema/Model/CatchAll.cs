using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <summary>Mail to unknown local parts: rejected, or delivered to one mailbox.</summary>
public sealed record CatchAll(string? DeliverTo, SourcePosition Position)
{
    public static readonly CatchAll Reject = new(null, SourcePosition.None);
}
