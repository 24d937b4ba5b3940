namespace Reconciler.Providers;

/// <summary>
/// A provider could not read or change its live system. The message is for the person running Reconciler: it names
/// the provider, the file or server, and what to do. It never contains secrets.
/// </summary>
public class ProviderException : Exception
{
    public ProviderException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
