namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>True when <paramref name="value"/> is in the format; otherwise maybe a short reason for the message.</summary>
internal delegate bool FormatCheck(string value, out string? reason);
