namespace Reconciler.GitOps;

/// <summary>
/// A secret named by reference, never by value: <c>env:NAME</c> (an environment variable) or <c>file:PATH</c> (a file,
/// e.g. a mounted Kubernetes secret; surrounding whitespace trimmed). Errors name the reference, never the value.
/// </summary>
public static class SecretReference
{
    public static bool IsFile(string reference) => reference.StartsWith("file:", StringComparison.Ordinal);

    public static string? FilePath(string reference) => IsFile(reference) ? reference["file:".Length..] : null;

    /// <summary>The secret's value; throws <see cref="SecretUnavailableException"/> when it is not set or unreadable.</summary>
    public static string Resolve(string reference, string what)
    {
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = reference["env:".Length..];
            var value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(value)
                ? throw new SecretUnavailableException($"{what}: environment variable {name} is not set (referenced as '{reference}')")
                : value.Trim();
        }

        if (FilePath(reference) is { } path)
        {
            try
            {
                var text = File.ReadAllText(path).Trim();
                return text.Length == 0 ? throw new SecretUnavailableException($"{what}: file {path} is empty") : text;
            }
            catch (IOException e)
            {
                throw new SecretUnavailableException($"{what}: cannot read {path} ({e.GetType().Name}); check the mount and its permissions");
            }
            catch (UnauthorizedAccessException)
            {
                throw new SecretUnavailableException($"{what}: no permission to read {path}");
            }
        }

        throw new SecretUnavailableException($"{what}: '{reference}' is not a secret reference; write env:NAME or file:PATH");
    }
}
