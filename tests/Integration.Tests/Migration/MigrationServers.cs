using Reconciler.Integration.Tests.Imap;
using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>Two Dovecot instances on 127.0.0.1: the source and the destination of every migration test.</summary>
public sealed class MigrationServers : IAsyncLifetime
{
    public DovecotServer Source { get; private set; } = null!;

    public DovecotServer Destination { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(DovecotServer.StartAsync(), DovecotServer.StartAsync());
        Source = started[0];
        Destination = started[1];
    }

    public async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await Destination.DisposeAsync();
    }

    /// <summary>A user that exists on both servers, empty on both (the prepared names are the same on each).</summary>
    public async Task<string> NewUserAsync()
    {
        // Both servers hand out user names in the same order; keep them in step.
        var (s, _) = await Source.CreateUserAsync();
        var (d, _) = await Destination.CreateUserAsync();
        while (string.CompareOrdinal(s, d) != 0)
        {
            if (Number(s) < Number(d))
            {
                (s, _) = await Source.CreateUserAsync();
            }
            else
            {
                (d, _) = await Destination.CreateUserAsync();
            }
        }

        return s;
    }

    public static async Task<ImapClient> LoginAsync(DovecotServer server, string user, int? port = null)
    {
        var client = new ImapClient(new ImapClientOptions
        {
            Host = "127.0.0.1", Port = port ?? server.ImapPort, Security = ImapSecurity.None,
        });
        await client.ConnectAsync();
        await client.LoginAsync(user, server.Password);
        return client;
    }

    private static int Number(string user) => int.Parse(user.AsSpan(4, user.IndexOf('@', StringComparison.Ordinal) - 4));
}
