namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// A state file is malformed or the files contradict each other. The message starts with <c>path:line:</c> and never
/// quotes a passwd line (it may hold a password hash); the provider turns it into a <see cref="ProviderException"/>.
/// </summary>
internal sealed class MailStateException : Exception
{
    public MailStateException(string path, int line, string problem)
        : base($"{path}:{line}: {problem}")
    {
    }
}
