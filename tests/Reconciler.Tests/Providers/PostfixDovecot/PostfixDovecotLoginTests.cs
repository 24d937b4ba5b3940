using Reconciler.Providers;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>
/// Login state against a real Dovecot 2.3 reading the provider's passwd (IMAP LOGIN), and a real Postfix asking that
/// Dovecot for SMTP AUTH: active mailboxes log in, invited/suspended/offboarded ones are refused even with the right
/// password, and re-activating restores login with the untouched hash.
/// </summary>
public sealed class PostfixDovecotLoginTests(DovecotInstance dovecot) : IClassFixture<DovecotInstance>
{
    private PostfixDovecotProvider Provider() => new("mailhost", new PostfixDovecotSettings(dovecot.State.Path));

    /// <summary>A mailbox as it exists before Reconciler touches it: a hash the invite flow (or an admin) wrote.</summary>
    private async Task<string> ExistingMailboxAsync(string domain, string local, string password, string extra = "")
    {
        var address = $"{local}@{domain}";
        var hash = await MailTools.HashAsync(password);
        var line = $"{address}:{hash}:::{local} Example:::userdb_quota_rule=*:storage=1G{extra}";
        File.AppendAllText(dovecot.State.File("virtual_domains"), $"{domain} OK\n");
        File.AppendAllText(dovecot.State.File("virtual_mailboxes"), $"{address} {domain}/{local}/\n");
        File.AppendAllText(dovecot.State.File("passwd"), line + "\n");
        await DovecotInstance.PasswdReloadAsync();
        return line;
    }

    private string PasswdLine(string address) =>
        File.ReadAllLines(dovecot.State.File("passwd")).Single(l => l.StartsWith(address + ":", StringComparison.Ordinal));

    [Fact]
    public async Task Suspending_refuses_login_even_with_the_right_password_and_reactivating_restores_it()
    {
        const string user = "ann@suspend.example";
        var original = await ExistingMailboxAsync("suspend.example", "ann", "secret-ann");
        var provider = Provider();
        var active = (await provider.ReadDomainAsync("suspend.example", CancellationToken.None))!.Mailboxes.Should().ContainSingle().Subject;
        active.Should().Be(new MailboxResource(user, MailboxState.Active, "1G", "ann Example"));
        (await dovecot.Clients.ImapLoginAsync(user, "secret-ann")).Should().StartWith("a OK");
        (await dovecot.Clients.SmtpAuthAsync(user, "secret-ann")).Should().StartWith("235");

        var suspended = active with { State = MailboxState.Suspended };
        await provider.ApplyAsync("suspend.example", active, suspended, CancellationToken.None);
        await DovecotInstance.PasswdReloadAsync();

        PasswdLine(user).Should().Be(original + " nologin reason=suspended fail");
        (await dovecot.Clients.ImapLoginAsync(user, "secret-ann")).Should().StartWith("a NO [AUTHENTICATIONFAILED]");
        (await dovecot.Clients.SmtpAuthAsync(user, "secret-ann")).Should().StartWith("535");
        (await dovecot.AuthTestAsync(user, "secret-ann")).ExitCode.Should().Be(77, "the passdb lookup itself fails");
        var lookup = await dovecot.UserLookupAsync(user);
        lookup.ExitCode.Should().Be(0, "a suspended mailbox still receives mail: LMTP's userdb lookup must succeed");
        lookup.StdOut.Should().Contain("quota_rule\t*:storage=1G");
        (await Provider().ReadDomainAsync("suspend.example", CancellationToken.None))!.Mailboxes.Should().Equal(suspended);

        await provider.ApplyAsync("suspend.example", suspended, active, CancellationToken.None);
        await DovecotInstance.PasswdReloadAsync();

        PasswdLine(user).Should().Be(original, "re-activating gives back the line byte for byte, hash included");
        (await dovecot.Clients.ImapLoginAsync(user, "secret-ann")).Should().StartWith("a OK");
        (await dovecot.Clients.SmtpAuthAsync(user, "secret-ann")).Should().StartWith("235");
        (await dovecot.Clients.ImapLoginAsync(user, "wrong")).Should().StartWith("a NO");
    }

    [Theory]
    [InlineData(MailboxState.Invited, "invited")]
    [InlineData(MailboxState.Offboarded, "offboarded")]
    public async Task Invited_and_offboarded_mailboxes_cannot_log_in(MailboxState state, string reason)
    {
        var domain = $"{reason}.example";
        var user = $"bea@{domain}";
        var original = await ExistingMailboxAsync(domain, "bea", "secret-bea");
        var provider = Provider();
        var active = (await provider.ReadDomainAsync(domain, CancellationToken.None))!.Mailboxes.Single();

        await provider.ApplyAsync(domain, active, active with { State = state }, CancellationToken.None);
        await DovecotInstance.PasswdReloadAsync();

        PasswdLine(user).Should().Be($"{original} nologin reason={reason} fail");
        (await dovecot.Clients.ImapLoginAsync(user, "secret-bea")).Should().StartWith("a NO [AUTHENTICATIONFAILED]");
        (await dovecot.Clients.SmtpAuthAsync(user, "secret-bea")).Should().StartWith("535");
        (await Provider().ReadDomainAsync(domain, CancellationToken.None))!.Mailboxes.Single().State.Should().Be(state);
    }

    [Fact]
    public async Task A_mailbox_the_provider_creates_has_no_usable_password_until_the_invite_flow_sets_one()
    {
        const string domain = "fresh.example", user = "cid@fresh.example";
        var provider = Provider();
        await provider.ApplyAsync(domain, null, new MailDomainResource(domain), CancellationToken.None);
        var box = new MailboxResource(user, MailboxState.Active, "2G", "Cid: 100% \"Ops\"");
        await provider.ApplyAsync(domain, null, box, CancellationToken.None);
        await DovecotInstance.PasswdReloadAsync();

        PasswdLine(user).Should().Be($"{user}:{PasswdEntry.NoUsablePassword}:::Cid%3A 100%25 \"Ops\":::userdb_quota_rule=*:storage=2G");
        foreach (var guess in new[] { "", "!", "*", "{CRYPT}!", "x" })
        {
            (await dovecot.Clients.ImapLoginAsync(user, guess)).Should().StartWith("a NO [AUTHENTICATIONFAILED]", $"password '{guess}' must not work");
        }

        (await dovecot.AuthTestAsync(user, "!")).ExitCode.Should().Be(77);
        (await dovecot.UserLookupAsync(user)).StdOut.Should().Contain("quota_rule\t*:storage=2G");

        // The invite flow (not the plan) writes the hash; from then on the provider carries it over.
        var hash = await MailTools.HashAsync("secret-cid");
        var passwd = dovecot.State.Read("passwd").Replace($"{user}:{PasswdEntry.NoUsablePassword}:", $"{user}:{hash}:");
        File.WriteAllText(dovecot.State.File("passwd"), passwd);
        await DovecotInstance.PasswdReloadAsync();
        (await dovecot.Clients.ImapLoginAsync(user, "secret-cid")).Should().StartWith("a OK");

        var renamed = box with { DisplayName = "Cid Example", Quota = null };
        await provider.ApplyAsync(domain, box, renamed, CancellationToken.None);
        await DovecotInstance.PasswdReloadAsync();

        PasswdLine(user).Should().Be($"{user}:{hash}:::Cid Example:::");
        (await dovecot.Clients.ImapLoginAsync(user, "secret-cid")).Should().StartWith("a OK");
        (await provider.ReadDomainAsync(domain, CancellationToken.None))!.Mailboxes.Should().Equal(renamed);
    }

    [Fact]
    public async Task Nologin_alone_would_not_stop_smtp_auth_which_is_why_disabled_mailboxes_also_carry_fail()
    {
        const string user = "dan@nologin.example";
        var line = await ExistingMailboxAsync("nologin.example", "dan", "secret-dan");
        var passwd = dovecot.State.Read("passwd");
        try
        {
            File.WriteAllText(dovecot.State.File("passwd"), passwd.Replace(line + "\n", line + " nologin reason=suspended\n", StringComparison.Ordinal));
            await DovecotInstance.PasswdReloadAsync();

            (await dovecot.Clients.ImapLoginAsync(user, "secret-dan")).Should().StartWith("a NO [CONTACTADMIN] suspended");
            (await dovecot.Clients.SmtpAuthAsync(user, "secret-dan")).Should().StartWith("235", "Postfix's Dovecot SASL client ignores nologin");

            // The provider reads such a half-disabled line as a problem instead of guessing a state.
            var act = () => Provider().ReadDomainAsync("nologin.example", CancellationToken.None);
            (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("passwd:").And.Contain("only in part");
        }
        finally
        {
            // The folder is shared by this class's tests; a broken line would stop all of them.
            File.WriteAllText(dovecot.State.File("passwd"), passwd);
        }
    }
}
