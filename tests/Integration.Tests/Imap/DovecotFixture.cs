using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Imap;

/// <summary>One plain-text Dovecot per test collection; every test creates its own user, so tests do not interfere.</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    public DovecotServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DovecotServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public ImapClientOptions Options(IImapProtocolLogger? logger = null) => new()
    {
        Host = "127.0.0.1", Port = Server.ImapPort, Security = ImapSecurity.None, ProtocolLogger = logger,
    };

    /// <summary>A fresh user and a client logged in as that user.</summary>
    public async Task<(ImapClient Client, string User)> NewLoggedInClientAsync(IImapProtocolLogger? logger = null)
    {
        var (user, password) = await Server.CreateUserAsync();
        var client = await LoginAsync(user, password, logger);
        return (client, user);
    }

    public async Task<ImapClient> LoginAsync(string user, string password, IImapProtocolLogger? logger = null)
    {
        var client = new ImapClient(Options(logger));
        await client.ConnectAsync();
        await client.LoginAsync(user, password);
        return client;
    }
}
