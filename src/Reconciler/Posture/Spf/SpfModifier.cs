namespace Reconciler.Posture.Spf;

/// <summary>A modifier <c>name=value</c>: redirect, exp, or one this implementation ignores (RFC 7208 §6).</summary>
public sealed record SpfModifier(string Text, string Name, string Value) : SpfTerm(Text)
{
    internal SpfMacroString? Parsed { get; init; }

    public bool IsRedirect => Name.Equals("redirect", StringComparison.OrdinalIgnoreCase);

    public bool IsExplanation => Name.Equals("exp", StringComparison.OrdinalIgnoreCase);

    public bool UsesMacros => Parsed is { HasMacros: true };
}
