namespace Reconciler.Dns.Presentation;

/// <summary>
/// One token of presentation text, as a slice of the source (no copy). For a quoted string the slice is the text
/// between the quotes and <see cref="Column"/> is that of the opening quote.
/// </summary>
internal readonly record struct PresentationToken(int Start, int Length, bool Quoted, bool HasEscape, int Line, int Column);
