namespace Reconciler.Secrets;

/// <summary>A secret reference cannot be resolved. The message names the reference (env:NAME, file:PATH), never a value.</summary>
public sealed class SecretException(string message, Exception? inner = null) : Exception(message, inner);
