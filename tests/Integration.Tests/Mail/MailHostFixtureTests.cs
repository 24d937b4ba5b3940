using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Mail;

/// <summary>
/// The mail host fixture itself, with maps written by hand (no provider): what the end-to-end tests rely on holds
/// on the real servers — aliases and catch-all as Postfix reads them, 550 5.1.1 for unknown users, mail for other
/// domains reaches the relay, IMAP login goes through the passwd-file, and nologin…fail refuses it.
/// </summary>
public sealed class MailHostFixtureTests(MailHostFixture host) : IClassFixture<MailHostFixture>
{
    [Fact]
    public async Task Mail_to_an_alias_a_mailbox_and_a_catch_all_is_delivered_and_an_unknown_user_gets_550_5_1_1()
    {
        await WriteAsync(
            domains: "fx-one.test OK\nfx-two.test OK\n",
            mailboxes: "alice@fx-one.test fx-one.test/alice/\nbob@fx-two.test fx-two.test/bob/\ncarol@fx-two.test fx-two.test/carol/\n",
            aliases: "info@fx-one.test alice@fx-one.test\n@fx-two.test bob@fx-two.test\ncarol@fx-two.test carol@fx-two.test\nbob@fx-two.test bob@fx-two.test\nout@fx-one.test someone@personal.test\n",
            passwd: "alice@fx-one.test:{CRYPT}!::::::\nbob@fx-two.test:{CRYPT}!::::::\ncarol@fx-two.test:{CRYPT}!::::::\n");

        var alias = await host.SendAsync("info@fx-one.test", "to the alias");
        alias.Accepted.Should().BeTrue(alias.Reply);
        await host.Dovecot.WaitForMessageAsync("alice@fx-one.test", m => m.MessageId == alias.MessageId, diagnostics: host.Diagnostics);

        var unknown = await host.SendAsync("nobody@fx-one.test");
        unknown.Accepted.Should().BeFalse();
        unknown.Code.Should().Be(550);
        unknown.Reply.Should().Contain("5.1.1");

        var catchAll = await host.SendAsync("whoever@fx-two.test", "to the catch-all");
        catchAll.Accepted.Should().BeTrue(catchAll.Reply);
        await host.Dovecot.WaitForMessageAsync("bob@fx-two.test", m => m.MessageId == catchAll.MessageId, diagnostics: host.Diagnostics);

        // P-11: carol's identity line keeps the catch-all from taking her mail.
        var carol = await host.SendAsync("carol@fx-two.test", "to carol");
        await host.Dovecot.WaitForMessageAsync("carol@fx-two.test", m => m.MessageId == carol.MessageId, diagnostics: host.Diagnostics);
        (await host.Dovecot.InboxAsync("bob@fx-two.test")).Should().NotContain(m => m.MessageId == carol.MessageId);

        var forwarded = await host.SendAsync("out@fx-one.test", "leaves the host");
        forwarded.Accepted.Should().BeTrue(forwarded.Reply);
        await host.RelayInbox.WaitForMessageAsync("someone@personal.test", m => m.MessageId == forwarded.MessageId, diagnostics: host.Diagnostics);
    }

    [Fact]
    public async Task Imap_login_uses_the_passwd_file_and_nologin_fail_refuses_it()
    {
        await WriteAsync(
            domains: "fx-login.test OK\n",
            mailboxes: "dan@fx-login.test fx-login.test/dan/\n",
            aliases: "",
            passwd: "dan@fx-login.test:{CRYPT}!::::::\n");
        await MailHostFixture.PasswdSeenAsync();
        (await host.ImapLoginFailureAsync("dan@fx-login.test", "")).Should().NotBeNull("{CRYPT}! matches no password");

        await host.SetPasswordForTestAsync("dan@fx-login.test", "test-only-password-1");
        (await host.ImapLoginFailureAsync("dan@fx-login.test", "test-only-password-1")).Should().BeNull();

        var line = File.ReadAllText(host.PasswdFile).TrimEnd('\n') + "nologin reason=suspended fail\n";
        File.WriteAllText(host.PasswdFile, line);
        await MailHostFixture.PasswdSeenAsync();
        (await host.ImapLoginFailureAsync("dan@fx-login.test", "test-only-password-1")).Should().NotBeNull();

        var user = await host.Dovecot.DoveadmAsync("user", "dan@fx-login.test");
        user.ExitCode.Should().Be(0, "the userdb still knows a suspended mailbox, so it keeps receiving mail: " + user.Output);
    }

    [Fact]
    public async Task The_relay_accepts_mail_for_any_address_and_the_sink_password_reads_it_over_imap()
    {
        var sent = await MailHostFixture.SendAsync(host.Relay.SmtpPort, "recovery@elsewhere.test", "invite", "noreply@host.test", "link");
        sent.Accepted.Should().BeTrue(sent.Reply);
        await host.RelayInbox.WaitForMessageAsync("recovery@elsewhere.test", m => m.MessageId == sent.MessageId, diagnostics: host.Diagnostics);

        using var client = new MailKit.Net.Imap.ImapClient();
        await client.ConnectAsync("127.0.0.1", host.RelayInbox.ImapPort, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync("recovery@elsewhere.test", MailHostDovecot.SinkPassword);
        await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        client.Inbox.Count.Should().BeGreaterThan(0);
    }

    private async Task WriteAsync(string domains, string mailboxes, string aliases, string passwd)
    {
        // Each test adds its own domain's lines; the files are shared by the class.
        Append("virtual_domains", domains);
        Append("virtual_mailboxes", mailboxes);
        Append("virtual_aliases", aliases);
        Append("passwd", passwd);
        foreach (var map in new[] { "virtual_domains", "virtual_mailboxes", "virtual_aliases" })
        {
            await host.Postfix.PostmapAsync(Path.Combine(host.StateDirectory, map));
        }
    }

    private void Append(string file, string text) => File.AppendAllText(Path.Combine(host.StateDirectory, file), text);
}
