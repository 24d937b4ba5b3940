namespace Reconciler.Daemon;

/// <summary>The daemon cannot start with this configuration; the message says which setting and what to do.</summary>
public sealed class DaemonConfigException(string message) : Exception(message);
