using Reconciler.Providers;
using Reconciler.Schema;
using Reconciler.Schema.Validation;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Providers;

public sealed class ProviderSetTests
{
    private static async Task<Schema.Model.PortfolioConfig> Config(TempPortfolio p, string yaml)
    {
        p.Write("reconciler.yaml", yaml);
        var loaded = await new PortfolioLoader(ManifestSchema.LoadEmbedded()).LoadAsync(p.Path, CancellationToken.None);
        return loaded.Portfolio!.Config;
    }

    [Fact]
    public async Task A_seed_folder_is_copied_once_when_the_state_folder_does_not_exist()
    {
        using var p = TempPortfolio.Empty();
        p.Write("seed/mail/virtual_domains", "seeded.example OK\n");
        var config = await Config(p, "providers:\n  mailhost: { kind: postfix-dovecot, settings: { directory: state/mail, seed: seed/mail } }\n");

        (await new ProviderSet(config).Mail("mailhost").ReadDomainAsync("seeded.example", CancellationToken.None)).Should().NotBeNull();
        p.Write("seed/mail/virtual_domains", "changed.example OK\n");

        var again = new ProviderSet(config).Mail("mailhost");
        (await again.ReadDomainAsync("seeded.example", CancellationToken.None)).Should().NotBeNull("existing state is never seeded over");
        (await again.ReadDomainAsync("changed.example", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_missing_seed_folder_is_a_clear_error()
    {
        using var p = TempPortfolio.Empty();
        var config = await Config(p, "providers:\n  zones: { kind: zonefile, settings: { directory: state/zones, seed: nowhere } }\n");
        var act = () => new ProviderSet(config).Dns("zones");
        act.Should().Throw<ProviderException>().WithMessage("*seed folder*nowhere*does not exist*");
    }

    [Fact]
    public async Task A_provider_of_the_other_role_is_refused_by_name()
    {
        using var p = TempPortfolio.Empty();
        var config = await Config(p, "providers:\n  zones: { kind: zonefile, settings: { directory: state/zones } }\n");
        var act = () => new ProviderSet(config).Mail("zones");
        act.Should().Throw<ProviderException>().WithMessage("*'zones'*not a mail provider*");
    }
}
