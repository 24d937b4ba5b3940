using System.Text.RegularExpressions;
using Reconciler.Secrets;

namespace Reconciler.GitOps;

/// <summary>
/// How git authenticates to the remote, as environment for the git child process only: nothing reaches its command
/// line (which other users of the machine can read) and nothing is logged.
/// <list type="bullet">
/// <item>SSH URLs (<c>ssh://…</c>, <c>user@host:path</c>): the secret is a private key; git runs
/// <c>ssh -i KEY -o IdentitiesOnly=yes</c> through GIT_SSH_COMMAND. A <c>file:</c> key is used in place; an
/// <c>env:</c> key is written once to the work folder with mode 0600.</item>
/// <item>HTTP(S) URLs: the secret is a token (or <c>username:token</c>); a credential helper defined through
/// GIT_CONFIG_* environment answers git's request from two more environment variables.</item>
/// </list>
/// The secret is resolved on every use, so a rotated Kubernetes secret is picked up without a restart.
/// </summary>
public sealed partial class GitCredentials
{
    public const string UserVariable = "RECONCILER_GIT_USERNAME";
    public const string PasswordVariable = "RECONCILER_GIT_PASSWORD";

    /// <summary>A helper that only answers `get`, printing what the two variables hold; the script text holds no secret.</summary>
    internal const string Helper = "!f() { test \"$1\" = get && printf 'username=%s\\npassword=%s\\n' \"$" + UserVariable + "\" \"$" + PasswordVariable + "\"; }; f";

    private readonly SecretReference? _reference;
    private readonly string? _baseDirectory;
    private readonly string _url;
    private readonly string _sshDirectory;

    /// <param name="secretReference">env:NAME or file:PATH (relative to <paramref name="baseDirectory"/>), or null for none.</param>
    public GitCredentials(string repositoryUrl, string? secretReference, string workDirectory, string? baseDirectory = null)
    {
        _url = repositoryUrl;
        _reference = secretReference is null ? null : SecretReference.Parse(secretReference);
        _baseDirectory = baseDirectory;
        _sshDirectory = Path.Combine(workDirectory, "ssh");
    }

    public static bool IsSsh(string url) =>
        url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("git+ssh://", StringComparison.OrdinalIgnoreCase) || ScpLike().IsMatch(url);

    public static bool IsHttp(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Environment for one git invocation against the remote.</summary>
    /// <exception cref="SecretException">The reference does not resolve (the message names it, never the value).</exception>
    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(CancellationToken ct)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_reference is null)
        {
            return env;
        }

        if (IsSsh(_url))
        {
            var key = !_reference.IsEnvironment
                ? (Path.IsPathRooted(_reference.Target) ? _reference.Target : Path.GetFullPath(Path.Combine(_baseDirectory ?? System.Environment.CurrentDirectory, _reference.Target)))
                : WriteKey(await _reference.ResolveAsync(_baseDirectory, ct));
            Directory.CreateDirectory(_sshDirectory);
            env["GIT_SSH_COMMAND"] =
                $"ssh -i {Quote(key)} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile={Quote(Path.Combine(_sshDirectory, "known_hosts"))}";
        }
        else if (IsHttp(_url))
        {
            var secret = await _reference.ResolveAsync(_baseDirectory, ct);
            var colon = secret.IndexOf(':', StringComparison.Ordinal);
            var (user, token) = colon > 0 && !secret.Contains(' ', StringComparison.Ordinal) ? (secret[..colon], secret[(colon + 1)..]) : ("x-access-token", secret);
            env["GIT_CONFIG_COUNT"] = "2";
            env["GIT_CONFIG_KEY_0"] = "credential.helper";
            env["GIT_CONFIG_VALUE_0"] = ""; // an empty helper clears any the machine has configured
            env["GIT_CONFIG_KEY_1"] = "credential.helper";
            env["GIT_CONFIG_VALUE_1"] = Helper;
            env[UserVariable] = user;
            env[PasswordVariable] = token;
        }

        return env;
    }

    private string WriteKey(string key)
    {
        Directory.CreateDirectory(_sshDirectory);
        var path = Path.Combine(_sshDirectory, "id_daemon");
        var text = key.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return path;
        }

        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, text);
            return path;
        }

        // Created with 0600 from the start: ssh refuses keys others can read, and so should we.
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var f = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode }))
        using (var w = new StreamWriter(f))
        {
            w.Write(text);
        }

        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!//)")]
    private static partial Regex ScpLike();
}
