using Reconciler.Providers;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Providers.PostfixDovecot;

public sealed class PostfixDovecotSettingsTests
{
    private static ProviderConfig Config(string settingsJson) =>
        new("mailhost", ProviderKinds.PostfixDovecot, (MapNode)NodeJson.Parse(settingsJson, "reconciler.yaml"), 1, new SourcePosition("reconciler.yaml", 12, 5));

    [Fact]
    public void Relative_paths_are_resolved_against_the_portfolio()
    {
        var settings = PostfixDovecotSettings.From(
            Config("""{"directory": ".state/mail", "seed": "state-seed/mail", "postmap": true, "postfixConfigDirectory": "/etc/postfix", "reloadCommand": "postfix reload"}"""),
            "/srv/portfolio");

        settings.Should().Be(new PostfixDovecotSettings("/srv/portfolio/.state/mail", true, "/etc/postfix", "postfix reload"));
    }

    [Fact]
    public void The_embedded_default_needs_only_a_directory()
    {
        PostfixDovecotSettings.From(Config("""{"directory": "/var/lib/reconciler/mail"}"""), "/srv/portfolio")
            .Should().Be(new PostfixDovecotSettings("/var/lib/reconciler/mail"));
    }

    [Fact]
    public void A_missing_directory_is_reported_with_the_provider_and_position()
    {
        var act = () => PostfixDovecotSettings.From(Config("{}"), "/srv/portfolio");

        act.Should().Throw<ProviderException>().WithMessage("*mailhost*reconciler.yaml:12:5*settings.directory is required*");
    }
}
