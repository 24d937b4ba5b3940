using System.Security.Cryptography;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// A GitHub App registered with the fake: the public half of its key verifies the JWTs the client signs
/// (RS256, iss = app id, exp at most ten minutes ahead), and its installations exchange them for installation
/// tokens (<c>ghs_…</c>) that expire after <see cref="TokenLifetime"/>.
/// </summary>
public sealed class GitHubFakeApp
{
    private readonly GitHubFake _fake;
    private readonly Dictionary<long, string> _installations = [];
    private readonly List<GitHubFakeInstallationToken> _tokens = [];

    internal GitHubFakeApp(GitHubFake fake, long id, string slug, RSA publicKey)
    {
        _fake = fake;
        Id = id;
        Slug = slug;
        PublicKey = publicKey;
    }

    public long Id { get; }

    public string Slug { get; }

    /// <summary>The login of the app's bot, the author of what an installation token writes.</summary>
    public string BotLogin => Slug + "[bot]";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every installation token issued, oldest first.</summary>
    public IReadOnlyList<GitHubFakeInstallationToken> IssuedTokens { get { lock (_fake.Gate) { return _tokens.ToList(); } } }

    internal RSA PublicKey { get; }

    /// <summary>Installs the app on an account (user or organization); returns the installation id.</summary>
    public long Install(string account)
    {
        lock (_fake.Gate)
        {
            var id = _fake.NextId();
            _installations[id] = account;
            return id;
        }
    }

    internal string? InstallationAccount(long installationId) => _installations.GetValueOrDefault(installationId);

    internal long? InstallationFor(string account) =>
        _installations.Where(i => string.Equals(i.Value, account, StringComparison.OrdinalIgnoreCase)).Select(i => (long?)i.Key).FirstOrDefault();

    internal GitHubFakeInstallationToken Issue(long installationId)
    {
        var token = new GitHubFakeInstallationToken(
            "ghs_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant(),
            installationId,
            _fake.Now.Add(TokenLifetime));
        _tokens.Add(token);
        return token;
    }

    internal GitHubFakeInstallationToken? FindToken(string token) => _tokens.FirstOrDefault(t => t.Token == token);
}
