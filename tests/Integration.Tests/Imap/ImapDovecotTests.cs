using Reconciler.Tests.Shared;
using System.Text;
using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Imap;

[Collection(DovecotCollection.Name)]
public sealed class ImapDovecotTests(DovecotFixture dovecot)
{
    [Fact]
    public async Task Greeting_and_post_login_capabilities_are_parsed()
    {
        var (user, password) = await dovecot.Server.CreateUserAsync();
        await using var client = new ImapClient(dovecot.Options());
        await client.ConnectAsync();

        // * OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN] ...
        client.Capabilities.Has("IMAP4rev1").Should().BeTrue();
        client.Capabilities.LiteralPlus.Should().BeTrue();
        client.Capabilities.SaslInitialResponse.Should().BeTrue();
        client.Capabilities.AuthenticationMechanisms.Should().BeEquivalentTo(["PLAIN", "LOGIN"]);
        client.Capabilities.StartTls.Should().BeFalse("ssl = no");
        client.Capabilities.MultiAppend.Should().BeFalse("Dovecot lists MULTIAPPEND only after login");

        await client.LoginAsync(user, password);
        client.IsAuthenticated.Should().BeTrue();
        client.Capabilities.MultiAppend.Should().BeTrue();
        client.Capabilities.UidPlus.Should().BeTrue();
        client.Capabilities.ESearch.Should().BeTrue();
        client.Capabilities.SpecialUse.Should().BeTrue();
        (await client.RefreshCapabilitiesAsync()).Names.Should().BeEquivalentTo(client.Capabilities.Names);
        await client.LogoutAsync();
        client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task Wrong_password_is_an_authentication_error_and_the_connection_stays_usable()
    {
        var (user, password) = await dovecot.Server.CreateUserAsync();
        var log = new RecordingProtocolLogger();
        await using var client = new ImapClient(dovecot.Options(log));
        await client.ConnectAsync();

        var error = (await client.Awaiting(c => c.LoginAsync(user, "wrong-" + password))
            .Should().ThrowAsync<ImapAuthenticationException>()).Which;
        error.ResponseCode.Should().Be("AUTHENTICATIONFAILED");
        error.IsRetryable.Should().BeFalse();
        error.Message.Should().NotContain(password).And.NotContain(user);

        await client.LoginAsync(user, password);
        client.IsAuthenticated.Should().BeTrue();
        log.Client.Should().Contain(" LOGIN ****").And.NotContain(password).And.NotContain(user);
        log.Server.Should().Contain("AUTHENTICATIONFAILED");
    }

    [Fact]
    public async Task Authenticate_plain_with_sasl_ir_logs_in_and_rejects_a_bad_password()
    {
        var (user, password) = await dovecot.Server.CreateUserAsync();
        var log = new RecordingProtocolLogger();
        await using var client = new ImapClient(dovecot.Options(log));
        await client.ConnectAsync();
        await client.Awaiting(c => c.AuthenticatePlainAsync(user, "nope"))
            .Should().ThrowAsync<ImapAuthenticationException>();
        await client.AuthenticatePlainAsync(user, password);
        client.IsAuthenticated.Should().BeTrue();
        client.Capabilities.MultiAppend.Should().BeTrue();
        var initialResponse = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
        log.Client.Should().Contain("AUTHENTICATE PLAIN ****").And.NotContain(initialResponse).And.NotContain(password);
    }

    [Fact]
    public async Task Folders_with_nested_and_non_ascii_names_round_trip_through_modified_utf7()
    {
        var (client, user) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        string[] names = ["Archiv", "Archiv/Übersicht", "日本語", "Tom & Jerry", "Ordner mit Leerzeichen"];
        foreach (var name in names)
        {
            await client.CreateFolderAsync(name);
        }

        var exists = (await client.Awaiting(c => c.CreateFolderAsync("Archiv"))
            .Should().ThrowAsync<ImapCommandException>()).Which;
        exists.ResponseCode.Should().Be("ALREADYEXISTS");

        var folders = await client.ListAsync();
        folders.Select(f => f.Name).Should().Contain(names).And.Contain(["INBOX", "Sent"]);
        folders.Should().OnlyContain(f => f.Delimiter == '/');
        var archiv = folders.Single(f => f.Name == "Archiv");
        archiv.Attributes.Should().HaveFlag(ImapFolderAttributes.HasChildren);
        var nested = folders.Single(f => f.Name == "Archiv/Übersicht");
        nested.EncodedName.Should().Be("Archiv/&ANw-bersicht");
        nested.Attributes.Should().HaveFlag(ImapFolderAttributes.HasNoChildren);
        folders.Single(f => f.Name == "日本語").EncodedName.Should().Be("&ZeVnLIqe-");
        folders.Single(f => f.Name == "Sent").SpecialUse.Should().Be(ImapFolderAttributes.Sent);

        // Independent check: doveadm decodes the stored names itself.
        var listed = await dovecot.Server.DoveadmAsync("mailbox", "list", "-u", user);
        listed.ExitCode.Should().Be(0, listed.Output);
        listed.StdOut.Split('\n', StringSplitOptions.TrimEntries).Should().Contain(names);

        var children = await client.ListAsync("", "Archiv/%");
        children.Select(f => f.Name).Should().Equal("Archiv/Übersicht");

        var selected = await client.SelectAsync("Archiv/Übersicht");
        selected.Name.Should().Be("Archiv/Übersicht");
        selected.Exists.Should().Be(0);
    }

    [Fact]
    public async Task Appended_message_comes_back_with_identical_bytes_flags_keywords_and_date()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        await client.CreateFolderAsync("Archiv/2001");
        var messageId = TestMessages.NewMessageId();
        var bytes = TestMessages.Small(1, messageId, "Zeitreise");
        var date = new DateTimeOffset(2001, 9, 8, 7, 6, 5, TimeSpan.FromHours(-4));
        var appended = await client.AppendAsync("Archiv/2001", ImapAppendMessage.FromBytes(bytes) with
        {
            Flags = ImapMessageFlags.Seen | ImapMessageFlags.Flagged | ImapMessageFlags.Answered | ImapMessageFlags.Draft,
            Keywords = ["$Forwarded", "project-x"],
            InternalDate = date,
        });
        appended.UidValidity.Should().NotBe(0u);
        appended.Uids.Should().Equal(1u);

        var mailbox = await client.SelectAsync("Archiv/2001");
        mailbox.UidValidity.Should().Be(appended.UidValidity);
        mailbox.Exists.Should().Be(1);
        mailbox.UidNext.Should().Be(2);
        mailbox.ReadOnly.Should().BeFalse();
        mailbox.PermanentFlags.Should().HaveFlag(ImapMessageFlags.Seen).And.HaveFlag(ImapMessageFlags.Deleted);
        mailbox.CanCreateKeywords.Should().BeTrue();
        mailbox.Keywords.Should().Contain(["$Forwarded", "project-x"]);

        var summaries = await client.UidFetchAsync(appended.Uids, ImapFetchItems.Metadata | ImapFetchItems.MessageId);
        var summary = summaries.Should().ContainSingle().Which;
        summary.Flags.Should().HaveFlag(ImapMessageFlags.Recent, "the first session to see a new message gets \\Recent");
        (summary with { Flags = summary.Flags & ~ImapMessageFlags.Recent }).Should().BeEquivalentTo(new ImapMessageSummary
        {
            Uid = 1,
            Flags = ImapMessageFlags.Seen | ImapMessageFlags.Flagged | ImapMessageFlags.Answered | ImapMessageFlags.Draft,
            Keywords = ["$Forwarded", "project-x"],
            InternalDate = date,
            Size = bytes.Length,
            MessageId = messageId,
        });

        using var copy = new MemoryStream();
        var fetched = await client.UidFetchBodyAsync(1, copy);
        copy.ToArray().Should().Equal(bytes);
        fetched!.InternalDate.Should().Be(date);

        var examined = await client.ExamineAsync("Archiv/2001");
        examined.ReadOnly.Should().BeTrue();
        (await client.UidFetchAsync(UidSet.Single(1), ImapFetchItems.Flags)).Single().Flags
            .Should().NotHaveFlag(ImapMessageFlags.Recent);
    }

    [Fact]
    public async Task Multiappend_stores_all_messages_in_one_command_and_reports_their_uids()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        var ids = Enumerable.Range(0, 3).Select(_ => TestMessages.NewMessageId()).ToArray();
        var result = await client.AppendAsync("INBOX",
            ids.Select((id, i) => ImapAppendMessage.FromBytes(TestMessages.Small(i, id))).ToList());
        result.Uids.ToString().Should().Be("1:3");

        await client.SelectAsync("INBOX");
        var summaries = await client.UidFetchAsync(result.Uids, ImapFetchItems.MessageId);
        summaries.Select(s => s.MessageId).Should().Equal(ids);
    }

    [Fact]
    public async Task Uid_search_finds_by_date_range_uid_range_and_header()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        var ids = new List<string>();
        foreach (var year in new[] { 2001, 2010, 2015, 2020 })
        {
            var id = TestMessages.NewMessageId();
            ids.Add(id);
            await client.AppendAsync("INBOX", ImapAppendMessage.FromBytes(TestMessages.Small(year, id)) with
            {
                InternalDate = new DateTimeOffset(year, 6, 15, 12, 0, 0, TimeSpan.Zero),
            });
        }

        await client.SelectAsync("INBOX");
        foreach (var esearch in new[] { true, false })
        {
            client.UseESearch = esearch;
            (await client.UidSearchAsync(ImapSearchQuery.All)).ToString().Should().Be("1:4");
            (await client.UidSearchAsync(ImapSearchQuery.Since(new DateOnly(2010, 1, 1)))).ToString().Should().Be("2:4");
            (await client.UidSearchAsync(ImapSearchQuery.Before(new DateOnly(2015, 6, 15)))).ToString().Should().Be("1:2");
            (await client.UidSearchAsync(ImapSearchQuery.Since(new DateOnly(2005, 1, 1))
                .And(ImapSearchQuery.Before(new DateOnly(2018, 1, 1))))).ToString().Should().Be("2:3");
            (await client.UidSearchAsync(ImapSearchQuery.Uids(UidSet.Parse("3:100")))).ToString().Should().Be("3:4");
            (await client.UidSearchAsync(ImapSearchQuery.Header("Message-ID", ids[2]))).ToString().Should().Be("3");
            (await client.UidSearchAsync(ImapSearchQuery.Since(new DateOnly(2030, 1, 1)))).IsEmpty.Should().BeTrue();
        }
    }

    [Fact]
    public async Task Hundreds_of_pipelined_appends_keep_their_order_and_all_arrive()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        await client.CreateFolderAsync("Bulk");
        const int count = 300;
        var ids = Enumerable.Range(0, count).Select(_ => TestMessages.NewMessageId()).ToArray();
        var confirmations = new List<Task<ImapAppendResult>>();
        for (var i = 0; i < count; i++)
        {
            confirmations.Add(await client.StartAppendAsync("Bulk", ImapAppendMessage.FromBytes(TestMessages.Small(i, ids[i]))));
        }

        confirmations.Count(c => !c.IsCompleted).Should().BeGreaterThan(0, "appends were sent without waiting for answers");
        var results = await Task.WhenAll(confirmations);
        results.Select(r => r.Uids.Single()).Should().Equal(Enumerable.Range(1, count).Select(i => (uint)i));

        var mailbox = await client.SelectAsync("Bulk");
        mailbox.Exists.Should().Be(count);
        var all = await client.UidSearchAsync(ImapSearchQuery.All);
        all.Count.Should().Be(count);
        var summaries = await client.UidFetchAsync(all, ImapFetchItems.MessageId | ImapFetchItems.Size);
        summaries.OrderBy(s => s.Uid).Select(s => s.MessageId).Should().Equal(ids);
    }

    [Fact]
    public async Task Fetches_and_appends_in_flight_together_on_one_connection_are_matched_by_tag()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        var first = await client.AppendAsync("INBOX", Enumerable.Range(0, 50)
            .Select(i => ImapAppendMessage.FromBytes(TestMessages.Small(i, TestMessages.NewMessageId()))).ToList());
        await client.SelectAsync("INBOX");

        var fetches = first.Uids.Chunk(10).Select(batch => client.UidFetchBodiesAsync(batch, ImapFetchItems.Size,
            async (body, ct) => await body.Content.CopyToAsync(Stream.Null, ct))).ToList();
        var appends = Enumerable.Range(0, 20)
            .Select(i => client.AppendAsync("INBOX", ImapAppendMessage.FromBytes(TestMessages.Small(100 + i, TestMessages.NewMessageId()))))
            .ToList();
        var noop = client.NoopAsync();

        var fetched = await Task.WhenAll(fetches);
        fetched.SelectMany(f => f).Select(s => s.Uid).Order().Should().Equal(first.Uids);
        fetched.Should().OnlyContain(batch => batch.Count == 10);
        (await Task.WhenAll(appends)).Select(a => a.Uids.Single()).Order().Should()
            .Equal(Enumerable.Range(51, 20).Select(i => (uint)i));
        await noop;
        client.SelectedMailbox!.Exists.Should().Be(70, "untagged EXISTS during the pipeline kept the state current");
    }

    [Fact]
    public async Task Copy_reports_copyuid()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        await client.CreateFolderAsync("Target");
        await client.AppendAsync("INBOX", Enumerable.Range(0, 3)
            .Select(i => ImapAppendMessage.FromBytes(TestMessages.Small(i, TestMessages.NewMessageId()))).ToList());
        await client.SelectAsync("INBOX");
        var copy = await client.UidCopyAsync(UidSet.Parse("2:3"), "Target");
        copy.SourceUids.ToString().Should().Be("2:3");
        copy.DestinationUids.ToString().Should().Be("1:2");
        copy.UidValidity.Should().NotBe(0u);
    }

    [Fact]
    public async Task Append_to_a_missing_folder_says_trycreate()
    {
        var (client, _) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        var error = (await client.Awaiting(c => c.AppendAsync("Missing", ImapAppendMessage.FromBytes(TestMessages.Small(1, "<x@y>"))))
            .Should().ThrowAsync<ImapCommandException>()).Which;
        error.ResponseCode.Should().Be("TRYCREATE");
        error.Command.Should().Be("APPEND");
        await client.NoopAsync();
    }

    [Fact]
    public async Task Kicking_the_user_from_the_server_surfaces_as_a_retryable_connection_loss()
    {
        var (client, user) = await dovecot.NewLoggedInClientAsync();
        await using var _ = client;
        await client.SelectAsync("INBOX");

        var kick = await dovecot.Server.DoveadmAsync("kick", user);
        kick.ExitCode.Should().Be(0, kick.Output);

        Func<ImapClient, Task> keepPinging = async c =>
            {
                // The BYE may arrive before or after the next command is written; either way it must fail as "lost".
                for (var i = 0; i < 50; i++)
                {
                    await c.NoopAsync();
                    await Task.Delay(20);
                }
            };
        var error = (await client.Awaiting(keepPinging).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        error.IsRetryable.Should().BeTrue();
        client.IsConnected.Should().BeFalse();
        await client.Awaiting(c => c.NoopAsync()).Should().ThrowAsync<ImapConnectionLostException>();
    }
}
