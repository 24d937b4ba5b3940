namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// One logical line of a state file, kept as its exact text (several physical lines joined by <c>\n</c> when Postfix
/// continuation lines are used). <see cref="Entry"/> is null for comments and blank lines.
/// </summary>
internal sealed record StateLine(string Text, StateEntry? Entry)
{
    /// <summary>How many physical lines the text spans.</summary>
    public int PhysicalLines => 1 + Text.AsSpan().Count('\n');
}
