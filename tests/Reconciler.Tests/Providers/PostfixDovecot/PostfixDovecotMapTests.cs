using Reconciler.Providers;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>The maps the provider writes, compiled and looked up by the real postmap (Debian postfix 3.7).</summary>
public sealed class PostfixDovecotMapTests : IDisposable
{
    private const string Domain = "maps.example";
    private readonly MailStateFolder _folder = new();
    private readonly string _postfixConfig;

    public PostfixDovecotMapTests() => _postfixConfig = MailTools.PostfixConfigFolder(_folder.Root);

    private static string At(string local) => $"{local}@{Domain}";

    private async Task<PostfixDovecotProvider> PopulatedAsync(PostfixDovecotSettings settings)
    {
        var provider = new PostfixDovecotProvider("mailhost", settings);
        var steps = new Resource[]
        {
            new MailDomainResource(Domain),
            new MailboxResource(At("alice"), MailboxState.Active, "5G", "Alice"),
            new MailboxResource(At("bob"), MailboxState.Suspended, null, null),
            new MailboxResource(At("carl"), MailboxState.Offboarded, null, null),
            new RouteResource(At("sales"), [At("alice"), At("bob")], RouteKind.Alias),
            new RouteResource("@" + Domain, [At("alice")], RouteKind.CatchAll),
        };
        foreach (var step in steps)
        {
            await provider.ApplyAsync(Domain, null, step, CancellationToken.None);
        }

        await provider.ApplyAsync("other.example", null, new MailDomainResource("other.example"), CancellationToken.None);
        await provider.ApplyAsync("other.example", null, new MailboxResource("dave@other.example", MailboxState.Active, null, null), CancellationToken.None);
        return provider;
    }

    private Task<string?> QueryAsync(string map, string key) => MailTools.PostmapQueryAsync(_postfixConfig, _folder.File(map), key);

    private async Task PostmapAllAsync()
    {
        foreach (var map in new[] { "virtual_domains", "virtual_mailboxes", "virtual_aliases" })
        {
            await MailTools.PostmapAsync(_postfixConfig, _folder.File(map));
        }
    }

    [Fact]
    public async Task Postfix_finds_domains_mailboxes_aliases_catch_all_and_identity_lines()
    {
        var provider = await PopulatedAsync(new PostfixDovecotSettings(_folder.Path));
        await PostmapAllAsync();

        (await QueryAsync("virtual_domains", Domain)).Should().Be("OK");
        (await QueryAsync("virtual_domains", "other.example")).Should().Be("OK");
        (await QueryAsync("virtual_domains", "nowhere.example")).Should().BeNull();

        (await QueryAsync("virtual_mailboxes", At("alice"))).Should().Be("maps.example/alice/");
        (await QueryAsync("virtual_mailboxes", At("bob"))).Should().Be("maps.example/bob/", "suspended mailboxes still receive mail");
        (await QueryAsync("virtual_mailboxes", At("carl"))).Should().BeNull("offboarded mailboxes no longer accept mail");

        (await QueryAsync("virtual_aliases", At("sales"))).Should().Be("alice@maps.example, bob@maps.example");
        (await QueryAsync("virtual_aliases", "@" + Domain)).Should().Be(At("alice"));
        (await QueryAsync("virtual_aliases", At("alice"))).Should().Be(At("alice"), "P-11: the catch-all must not take a real mailbox's mail");
        (await QueryAsync("virtual_aliases", At("bob"))).Should().Be(At("bob"));
        (await QueryAsync("virtual_aliases", At("carl"))).Should().BeNull("an offboarded address falls to the catch-all");
        (await QueryAsync("virtual_aliases", "dave@other.example")).Should().BeNull("other.example has no catch-all, so no identity line");

        var live = await provider.ReadDomainAsync(Domain, CancellationToken.None);
        live!.Routes.Select(r => r.Address).Should().Equal("@maps.example", "sales@maps.example");

        await provider.ApplyAsync(Domain, new RouteResource("@" + Domain, [At("alice")]), null, CancellationToken.None);
        await MailTools.PostmapAsync(_postfixConfig, _folder.File("virtual_aliases"));

        (await QueryAsync("virtual_aliases", "@" + Domain)).Should().BeNull();
        (await QueryAsync("virtual_aliases", At("alice"))).Should().BeNull("identity lines go with the catch-all");
        (await QueryAsync("virtual_aliases", At("sales"))).Should().Be("alice@maps.example, bob@maps.example");
    }

    [Fact]
    public async Task With_postmap_set_the_provider_keeps_the_compiled_maps_current_and_runs_the_reload_command()
    {
        var marker = Path.Combine(_folder.Root, "reloads");
        var settings = new PostfixDovecotSettings(_folder.Path, Postmap: true, PostfixConfigDirectory: _postfixConfig, ReloadCommand: $"echo reload >> '{marker}'");
        var provider = await PopulatedAsync(settings);

        (await QueryAsync("virtual_domains", "other.example")).Should().Be("OK");
        (await QueryAsync("virtual_mailboxes", "dave@other.example")).Should().Be("other.example/dave/");
        (await QueryAsync("virtual_aliases", At("alice"))).Should().Be(At("alice"));
        File.ReadAllLines(marker).Should().HaveCount(8, "one reload per change");

        var bob = new MailboxResource(At("bob"), MailboxState.Suspended, null, null);
        await provider.ApplyAsync(Domain, bob, bob with { State = MailboxState.Offboarded }, CancellationToken.None);
        await provider.ApplyAsync(Domain, bob, bob with { State = MailboxState.Offboarded }, CancellationToken.None);

        (await QueryAsync("virtual_mailboxes", At("bob"))).Should().BeNull();
        (await QueryAsync("virtual_aliases", At("bob"))).Should().BeNull();
        File.ReadAllLines(marker).Should().HaveCount(9, "a step that is already done changes nothing and reloads nothing");
    }

    [Fact]
    public async Task A_failing_reload_command_is_reported()
    {
        var provider = new PostfixDovecotProvider("mailhost", new PostfixDovecotSettings(_folder.Path, ReloadCommand: "echo 'postfix: not running' >&2; exit 3"));

        var act = () => provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("exit 3").And.Contain("postfix: not running");
        (await provider.ReadDomainAsync(Domain, CancellationToken.None)).Should().NotBeNull("the files were written before the reload");
    }

    public void Dispose() => _folder.Dispose();
}
