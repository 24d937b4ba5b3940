namespace Reconciler.GitOps;

/// <summary>A secret reference that does not resolve. The message names the reference, never a value.</summary>
public sealed class SecretUnavailableException(string message) : Exception(message);
