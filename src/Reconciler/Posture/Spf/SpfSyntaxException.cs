namespace Reconciler.Posture.Spf;

/// <summary>A syntax error inside an SPF record or macro string; turned into PermError or an ignored exp.</summary>
internal sealed class SpfSyntaxException(string message) : Exception(message);
