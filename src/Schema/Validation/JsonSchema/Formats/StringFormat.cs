namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>An asserted <c>format</c>: its name, how messages describe it ("a valid IPv4 address"), and the check.</summary>
internal sealed record StringFormat(string Name, string Description, FormatCheck Check);
