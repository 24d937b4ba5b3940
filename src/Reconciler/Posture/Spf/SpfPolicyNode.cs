namespace Reconciler.Posture.Spf;

/// <summary>One domain of an SPF include/redirect tree, with what its branch costs in DNS lookups.</summary>
/// <param name="Domain">The domain whose record this is.</param>
/// <param name="Via">The term that led here ("include:x", "redirect=x"); null for the root.</param>
/// <param name="Record">The SPF record text, when there is exactly one.</param>
/// <param name="Status">What the lookup found.</param>
/// <param name="Error">For a syntax error or failed lookup: the message.</param>
/// <param name="OwnLookups">DNS-querying terms evaluated in this record (up to its all; redirect only when there is
/// no all).</param>
/// <param name="SubtreeLookups">OwnLookups plus every descendant's: what this branch adds to the 10-lookup count.</param>
/// <param name="Children">Included and redirected-to records, in evaluation order.</param>
public sealed record SpfPolicyNode(
    string Domain,
    string? Via,
    string? Record,
    SpfNodeStatus Status,
    string? Error,
    int OwnLookups,
    int SubtreeLookups,
    IReadOnlyList<SpfPolicyNode> Children);
