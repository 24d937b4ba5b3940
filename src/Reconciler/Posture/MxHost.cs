namespace Reconciler.Posture;

/// <summary>One MX record: its preference and exchange host ("" or "." for a null MX, RFC 7505).</summary>
public sealed record MxHost(ushort Preference, string Host);
