namespace Reconciler.Migration;

/// <summary>
/// Where a password is kept: <c>env:NAME</c> or <c>file:/path</c> (relative to the job file). The value is read
/// only when needed and never becomes part of a message; <see cref="ToString"/> shows the reference, not the secret.
/// </summary>
public sealed record SecretReference
{
    private SecretReference(string reference, string? variable, string? path)
    {
        Reference = reference;
        Variable = variable;
        Path = path;
    }

    /// <summary>The text as written in the job (safe to show).</summary>
    public string Reference { get; }

    public string? Variable { get; }

    /// <summary>Absolute path for <c>file:</c> references.</summary>
    public string? Path { get; }

    public static bool TryParse(string text, string baseDirectory, out SecretReference? reference)
    {
        reference = null;
        if (text.StartsWith("env:", StringComparison.Ordinal) && text.Length > 4)
        {
            reference = new SecretReference(text, text[4..], null);
            return true;
        }

        if (text.StartsWith("file:", StringComparison.Ordinal) && text.Length > 5)
        {
            reference = new SecretReference(text, null, System.IO.Path.GetFullPath(text[5..], baseDirectory));
            return true;
        }

        return false;
    }

    /// <summary>The secret, or an error that names the reference and what to do (never the value).</summary>
    public bool TryResolve(out string value, out string? error)
    {
        value = "";
        error = null;
        if (Variable is not null)
        {
            var v = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrEmpty(v))
            {
                error = $"the environment variable {Variable} ({Reference}) is not set or empty; export it before running";
                return false;
            }

            value = v;
            return true;
        }

        try
        {
            // A trailing line break is how editors and `echo` end files; it is never part of the password.
            value = File.ReadAllText(Path!).TrimEnd('\r', '\n');
            if (value.Length == 0)
            {
                error = $"the secret file {Path} ({Reference}) is empty";
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"the secret file {Path} ({Reference}) cannot be read: {ex.Message}";
            return false;
        }
    }

    public string Resolve() =>
        TryResolve(out var value, out var error) ? value : throw new InvalidOperationException(error);

    public override string ToString() => Reference;
}
