namespace Reconciler.Posture.Spf;

/// <summary>One space-separated term of an SPF record: a mechanism (directive) or a modifier.</summary>
/// <param name="Text">The term exactly as written.</param>
public abstract record SpfTerm(string Text);
