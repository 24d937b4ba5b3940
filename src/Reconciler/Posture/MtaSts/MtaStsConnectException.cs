namespace Reconciler.Posture.MtaSts;

/// <summary>The policy host could not be reached; the message says which host and why.</summary>
public sealed class MtaStsConnectException(string message) : IOException(message);
