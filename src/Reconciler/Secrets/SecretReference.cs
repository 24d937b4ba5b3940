namespace Reconciler.Secrets;

/// <summary>
/// Where a secret lives, as reconciler.yaml writes it: <c>env:NAME</c> (an environment variable) or
/// <c>file:PATH</c> (a file, relative to the referring file's folder unless absolute). Trailing line breaks are
/// dropped; spaces are kept, because a password may end in one. Manifests and job files hold
/// references, never secrets. <see cref="ToString"/> and every error
/// show the reference only.
/// </summary>
public sealed class SecretReference
{
    private SecretReference(string reference, bool isEnvironment, string target, string? baseDirectory)
    {
        Reference = reference;
        IsEnvironment = isEnvironment;
        Target = target;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The reference as written, e.g. <c>env:TSIG_KEY</c>.</summary>
    public string Reference { get; }

    public bool IsEnvironment { get; }

    /// <summary>The variable name or the path as written.</summary>
    public string Target { get; }

    /// <summary>Folder of the file the reference was written in, for relative <c>file:</c> paths; null when unknown.</summary>
    public string? BaseDirectory { get; }

    /// <exception cref="SecretException">Neither env:NAME nor file:PATH.</exception>
    public static SecretReference Parse(string text, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith("env:", StringComparison.Ordinal) && IsVariableName(t.AsSpan(4)))
        {
            return new SecretReference(t, true, t[4..], baseDirectory);
        }

        if (t.StartsWith("file:", StringComparison.Ordinal) && t.Length > 5)
        {
            return new SecretReference(t, false, t[5..], baseDirectory);
        }

        // Not echoed: someone may have pasted the secret itself where its reference belongs.
        throw new SecretException("a secret must be given as a reference, env:NAME or file:PATH (the value given is not shown, in case it is the secret itself)");
    }

    /// <summary>Reads the secret now.</summary>
    /// <param name="baseDirectory">Folder that relative <c>file:</c> paths are relative to; the one given to <see cref="Parse"/> when null.</param>
    /// <param name="environment">Looks up environment variables; the process environment when null.</param>
    /// <exception cref="SecretException">Unset variable, missing or unreadable file, or an empty secret.</exception>
    public Task<string> ResolveAsync(string? baseDirectory, CancellationToken cancellationToken, Func<string, string?>? environment = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Resolve(baseDirectory, environment));
    }

    /// <summary>Reads the secret now; a secret is a few bytes, so this reads synchronously.</summary>
    /// <exception cref="SecretException">Unset variable, missing or unreadable file, or an empty secret.</exception>
    public string Resolve(string? baseDirectory = null, Func<string, string?>? environment = null)
    {
        string? value;
        if (IsEnvironment)
        {
            value = (environment ?? Environment.GetEnvironmentVariable)(Target);
            if (value is null)
            {
                throw new SecretException($"secret reference '{Reference}': the environment variable {Target} is not set; export it before running reconciler");
            }
        }
        else
        {
            var path = Path.IsPathRooted(Target) ? Target : Path.GetFullPath(Path.Combine(baseDirectory ?? BaseDirectory ?? Environment.CurrentDirectory, Target));
            try
            {
                value = File.ReadAllText(path);
            }
            catch (FileNotFoundException ex)
            {
                throw new SecretException($"secret reference '{Reference}': the file {path} does not exist", ex);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new SecretException($"secret reference '{Reference}': the folder of {path} does not exist", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new SecretException($"secret reference '{Reference}': {path} cannot be read (permission denied); let the user running reconciler read it", ex);
            }
            catch (IOException ex)
            {
                throw new SecretException($"secret reference '{Reference}': {path} cannot be read ({ex.GetType().Name})", ex);
            }
        }

        // Editors and `echo` end a value with a line break; it is never part of a secret. Spaces may be.
        value = value.TrimEnd('\r', '\n');
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SecretException($"secret reference '{Reference}' resolves to an empty value");
        }

        return value;
    }

    public override string ToString() => Reference;

    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
