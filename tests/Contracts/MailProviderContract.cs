using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Contracts;

/// <summary>The contract every mail provider passes, written once; a subclass supplies a provider on a real system.</summary>
public abstract class MailProviderContract
{
    protected abstract Task<IMailProvider> CreateAsync();

    private const string Domain = "contract.example";

    private static async Task<IMailProvider> WithDomain(IMailProvider provider)
    {
        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        return provider;
    }

    [Fact]
    public async Task An_unknown_domain_reads_as_null()
    {
        var provider = await CreateAsync();
        (await provider.ReadDomainAsync("nowhere.example", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Creates_reads_and_deletes_mailboxes_routes_and_catch_all()
    {
        var provider = await WithDomain(await CreateAsync());
        var alice = new MailboxResource($"alice@{Domain}", MailboxState.Active, "5G", "Alice");
        var bob = new MailboxResource($"bob@{Domain}", MailboxState.Invited, null, null);
        var sales = new RouteResource($"sales@{Domain}", [$"alice@{Domain}", $"bob@{Domain}"], RouteKind.Alias);
        var catchAll = new RouteResource($"@{Domain}", [$"alice@{Domain}"], RouteKind.CatchAll);
        foreach (var r in new Resource[] { alice, bob, sales, catchAll })
        {
            await provider.ApplyAsync(Domain, null, r, CancellationToken.None);
        }

        var live = await provider.ReadDomainAsync(Domain, CancellationToken.None);
        live.Should().NotBeNull();
        live!.Mailboxes.Should().BeEquivalentTo([alice, bob]);
        live.Routes.Should().HaveCount(2);
        live.Routes.Should().Contain(r => r.SameAs(sales)).And.Contain(r => r.SameAs(catchAll));

        foreach (var r in new Resource[] { catchAll, sales, bob, alice })
        {
            await provider.ApplyAsync(Domain, r, null, CancellationToken.None);
        }

        live = await provider.ReadDomainAsync(Domain, CancellationToken.None);
        live!.Mailboxes.Should().BeEmpty();
        live.Routes.Should().BeEmpty();

        await provider.ApplyAsync(Domain, new MailDomainResource(Domain), null, CancellationToken.None);
        (await provider.ReadDomainAsync(Domain, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Updates_a_mailbox_state_and_a_route()
    {
        var provider = await WithDomain(await CreateAsync());
        var active = new MailboxResource($"carl@{Domain}", MailboxState.Active, null, null);
        var suspended = active with { State = MailboxState.Suspended };
        var route = new RouteResource($"info@{Domain}", [$"carl@{Domain}"]);
        var moved = new RouteResource($"info@{Domain}", [$"carl@{Domain}", "ops@agency.example"]);
        await provider.ApplyAsync(Domain, null, active, CancellationToken.None);
        await provider.ApplyAsync(Domain, null, route, CancellationToken.None);

        await provider.ApplyAsync(Domain, active, suspended, CancellationToken.None);
        await provider.ApplyAsync(Domain, route, moved, CancellationToken.None);

        var live = await provider.ReadDomainAsync(Domain, CancellationToken.None);
        live!.Mailboxes.Should().ContainSingle().Which.Should().Be(suspended);
        live.Routes.Should().ContainSingle().Which.SameAs(moved).Should().BeTrue();
    }

    [Fact]
    public async Task Applying_the_same_step_twice_is_a_no_op()
    {
        var provider = await WithDomain(await CreateAsync());
        var box = new MailboxResource($"dora@{Domain}", MailboxState.Active, null, null);
        await provider.ApplyAsync(Domain, null, box, CancellationToken.None);
        await provider.ApplyAsync(Domain, null, box, CancellationToken.None);
        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        (await provider.ReadDomainAsync(Domain, CancellationToken.None))!.Mailboxes.Should().ContainSingle();
    }

    [Fact]
    public async Task A_resource_changed_since_the_plan_is_not_overwritten()
    {
        var provider = await WithDomain(await CreateAsync());
        var planned = new RouteResource($"team@{Domain}", ["a@other.example"]);
        var byHand = new RouteResource($"team@{Domain}", ["intruder@elsewhere.example"]);
        await provider.ApplyAsync(Domain, null, planned, CancellationToken.None);
        await provider.ApplyAsync(Domain, planned, byHand, CancellationToken.None);

        var act = () => provider.ApplyAsync(Domain, planned, new RouteResource($"team@{Domain}", ["b@other.example"]), CancellationToken.None);
        await act.Should().ThrowAsync<ChangedSincePlanException>();
        (await provider.ReadDomainAsync(Domain, CancellationToken.None))!.Routes.Single().SameAs(byHand).Should().BeTrue();
    }

    [Fact]
    public async Task Declares_the_kinds_it_manages_and_reads_back_only_those()
    {
        var provider = await CreateAsync();
        provider.ManagedKinds.Should().NotBeEmpty("the planner plans nothing for a provider that manages nothing");

        if (provider.ManagedKinds.Contains(MailResourceKind.Domain))
        {
            await WithDomain(provider);
        }

        // One resource of every kind it declares; each must come back as that kind, and nothing of another kind.
        var samples = new Resource[]
        {
            new MailboxResource($"kim@{Domain}", MailboxState.Active, null, null),
            new RouteResource($"desk@{Domain}", [$"kim@{Domain}"], RouteKind.Alias),
            new RouteResource($"away@{Domain}", ["kim@elsewhere.example"], RouteKind.ExternalForward),
            new RouteResource($"@{Domain}", [$"kim@{Domain}"], RouteKind.CatchAll),
        };
        var declared = samples.Where(r => provider.ManagedKinds.Contains(MailResourceKinds.Of(r, Domain))).ToList();
        foreach (var r in declared)
        {
            await provider.ApplyAsync(Domain, null, r, CancellationToken.None);
        }

        var live = await provider.ReadDomainAsync(Domain, CancellationToken.None);
        var read = live is null ? [] : live.Mailboxes.Cast<Resource>().Concat(live.Routes).ToList();
        read.Select(r => MailResourceKinds.Of(r, Domain)).Should().OnlyContain(k => provider.ManagedKinds.Contains(k));
        foreach (var r in declared)
        {
            read.Should().Contain(l => l.SameAs(r), $"{r.Id} is of a kind the provider declares");
        }
    }

    [Fact]
    public async Task Other_domains_are_left_alone()
    {
        var provider = await WithDomain(await CreateAsync());
        await provider.ApplyAsync("neighbour.example", null, new MailDomainResource("neighbour.example"), CancellationToken.None);
        var neighbour = new MailboxResource("eve@neighbour.example", MailboxState.Active, null, null);
        await provider.ApplyAsync("neighbour.example", null, neighbour, CancellationToken.None);

        await provider.ApplyAsync(Domain, null, new MailboxResource($"eve@{Domain}", MailboxState.Active, null, null), CancellationToken.None);
        await provider.ApplyAsync(Domain, null, new RouteResource($"@{Domain}", [$"eve@{Domain}"]), CancellationToken.None);

        var other = await provider.ReadDomainAsync("neighbour.example", CancellationToken.None);
        other!.Mailboxes.Should().Equal(neighbour);
        other.Routes.Should().BeEmpty();
    }
}
