namespace Reconciler.Posture.Spf;

/// <summary>TempError or PermError: either ends the whole check_host(), through any include or redirect.</summary>
internal sealed class SpfAbortException(SpfResult result, string message) : Exception(message)
{
    public SpfResult Result { get; } = result;
}
