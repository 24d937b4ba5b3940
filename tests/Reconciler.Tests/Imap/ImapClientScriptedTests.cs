using Reconciler.Tests.Shared;
using System.Text;
using Reconciler.Migration.Imap;

namespace Reconciler.Tests.Imap;

/// <summary>
/// The client against hand-written server bytes: tricky but legal responses, interleaved untagged data,
/// out-of-order completions, continuations and failures.
/// </summary>
public sealed class ImapClientScriptedTests : IAsyncLifetime
{
    private const string Greeting = "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN UIDPLUS ESEARCH] ready\r\n";
    private readonly ScriptedImapServer _server = new();
    private readonly RecordingProtocolLogger _log = new();
    private ImapClient _client = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Greeting_capabilities_are_parsed()
    {
        await ConnectAsync(Greeting);
        _client.Capabilities.LiteralPlus.Should().BeTrue();
        _client.Capabilities.SaslInitialResponse.Should().BeTrue();
        _client.Capabilities.UidPlus.Should().BeTrue();
        _client.Capabilities.MultiAppend.Should().BeFalse();
        _client.Capabilities.AuthenticationMechanisms.Should().BeEquivalentTo(["PLAIN"]);
    }

    [Fact]
    public async Task Without_capabilities_in_the_greeting_the_client_asks()
    {
        var connect = await StartConnectAsync("* OK hello\r\n");
        (await _server.ReadLineAsync()).Should().Be("A1 CAPABILITY");
        await _server.SendAsync("* CAPABILITY IMAP4rev1 MULTIAPPEND STARTTLS\r\nA1 OK done\r\n");
        await connect;
        _client.Capabilities.MultiAppend.Should().BeTrue();
        _client.Capabilities.StartTls.Should().BeTrue();
    }

    [Fact]
    public async Task Fetch_survives_untagged_data_interleaved_with_its_answers()
    {
        await ConnectAsync(Greeting);
        await SelectAsync();

        var fetch = _client.UidFetchAsync(UidSet.Parse("7:8"), ImapFetchItems.Metadata | ImapFetchItems.MessageId);
        (await _server.ReadLineAsync()).Should()
            .Be("A2 UID FETCH 7:8 (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
        const string header = "Message-ID:\r\n <folded@example.test>\r\n\r\n";
        await _server.SendAsync(
            "* 3 EXISTS\r\n" +
            "* 1 FETCH (UID 7 FLAGS (\\Seen $Label1 \\Answered) INTERNALDATE \" 5-Mar-2001 10:20:30 -0130\" " +
            $"RFC822.SIZE 42 BODY[HEADER.FIELDS (MESSAGE-ID)] {{{header.Length}}}\r\n{header})\r\n" +
            "* 1 EXPUNGE\r\n" +
            "* 5 FETCH (UID 99 FLAGS (\\Deleted))\r\n" + // another session's change: not ours
            "* FLAGS (\\Seen \\Answered $Label1 $New)\r\n" +
            "* 2 FETCH (FLAGS () UID 8 RFC822.SIZE 0 INTERNALDATE \"01-Jan-2020 00:00:00 +0000\" BODY[HEADER.FIELDS (MESSAGE-ID)] NIL)\r\n" +
            "* 4 EXISTS\r\n" +
            "A2 OK Fetch completed.\r\n");

        var results = await fetch;
        results.Should().HaveCount(2);
        results[0].Should().BeEquivalentTo(new ImapMessageSummary
        {
            Uid = 7,
            Flags = ImapMessageFlags.Seen | ImapMessageFlags.Answered,
            Keywords = ["$Label1"],
            InternalDate = new DateTimeOffset(2001, 3, 5, 10, 20, 30, TimeSpan.FromMinutes(-90)),
            Size = 42,
            MessageId = "<folded@example.test>",
        });
        results[1].Uid.Should().Be(8);
        results[1].Flags.Should().Be(ImapMessageFlags.None);
        results[1].MessageId.Should().BeNull();
        _client.SelectedMailbox!.Exists.Should().Be(4);
        _client.SelectedMailbox.Keywords.Should().Equal("$Label1", "$New");
    }

    [Fact]
    public async Task Bodies_stream_to_the_callback_even_with_parentheses_and_line_breaks_inside()
    {
        await ConnectAsync(Greeting);
        var body = "Subject: (tricky)\r\n\r\n) * 1 FETCH \"not a response\r\nA9 OK neither\r\n";
        var received = new List<(uint Uid, long Length, string Text)>();
        var fetch = _client.UidFetchBodiesAsync(UidSet.Single(3), ImapFetchItems.Size, async (b, ct) =>
        {
            using var copy = new MemoryStream();
            await b.Content.CopyToAsync(copy, ct);
            received.Add((b.Uid, b.Length, Encoding.UTF8.GetString(copy.ToArray())));
        });
        (await _server.ReadLineAsync()).Should().Be("A1 UID FETCH 3 (UID RFC822.SIZE BODY.PEEK[])");
        await _server.SendAsync($"* 1 FETCH (UID 3 RFC822.SIZE {body.Length} BODY[] {{{body.Length}}}\r\n{body})\r\nA1 OK done\r\n");

        var summaries = await fetch;
        received.Should().Equal((3u, (long)body.Length, body));
        summaries.Single().Size.Should().Be(body.Length);
    }

    [Fact]
    public async Task A_callback_that_reads_nothing_still_leaves_the_connection_in_step()
    {
        await ConnectAsync(Greeting);
        var fetch = _client.UidFetchBodiesAsync(UidSet.Range(1, 2), ImapFetchItems.None, (_, _) => ValueTask.CompletedTask);
        await _server.ReadLineAsync();
        await _server.SendAsync("* 1 FETCH (UID 1 BODY[] {4}\r\nabcd)\r\n* 2 FETCH (UID 2 BODY[] {3}\r\nxyz)\r\nA1 OK done\r\n");
        (await fetch).Select(s => s.Uid).Should().Equal(1u, 2u);

        var noop = _client.NoopAsync();
        (await _server.ReadLineAsync()).Should().Be("A2 NOOP");
        await _server.SendAsync("A2 OK\r\n");
        await noop;
    }

    [Fact]
    public async Task A_failing_callback_fails_its_fetch_but_not_the_connection()
    {
        await ConnectAsync(Greeting);
        var fetch = _client.UidFetchBodiesAsync(UidSet.Single(1), ImapFetchItems.None,
            (_, _) => throw new InvalidOperationException("disk full"));
        await _server.ReadLineAsync();
        await _server.SendAsync("* 1 FETCH (UID 1 BODY[] {4}\r\nabcd)\r\nA1 OK done\r\n");
        await fetch.Awaiting(f => f).Should().ThrowAsync<InvalidOperationException>().WithMessage("disk full");
        _client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task List_handles_literals_escapes_nil_delimiters_and_modified_utf7()
    {
        await ConnectAsync(Greeting);
        var list = _client.ListAsync();
        (await _server.ReadLineAsync()).Should().Be("A1 LIST \"\" \"*\"");
        await _server.SendAsync(
            "* LIST (\\HasChildren \\Noselect) \"/\" Archiv\r\n" +
            "* LIST (\\HasNoChildren) \"/\" \"Archiv/&ANw-bersicht\"\r\n" +
            "* LIST (\\HasNoChildren \\Sent) \"/\" {12}\r\nSent \"Items\"\r\n" +
            "* LIST () NIL \"a \\\"b\\\" \\\\c\"\r\n" +
            "* LIST (\\HasNoChildren) \".\" &ZeVnLIqe-\r\n" +
            "* LIST (\\All) \"/\" \"[Gmail]/All\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n" +
            "A1 OK List completed.\r\n");

        var folders = await list;
        folders.Select(f => f.Name).Should().Equal("Archiv", "Archiv/Übersicht", "Sent \"Items\"", "a \"b\" \\c", "日本語", "[Gmail]/All");
        folders[0].IsSelectable.Should().BeFalse();
        folders[0].Attributes.Should().HaveFlag(ImapFolderAttributes.HasChildren);
        folders[1].EncodedName.Should().Be("Archiv/&ANw-bersicht");
        folders[2].SpecialUse.Should().Be(ImapFolderAttributes.Sent);
        folders[3].Delimiter.Should().BeNull();
        folders[4].Delimiter.Should().Be('.');
        folders[5].SpecialUse.Should().Be(ImapFolderAttributes.All);
    }

    [Fact]
    public async Task No_and_bad_become_command_exceptions_with_the_server_text()
    {
        await ConnectAsync(Greeting);
        var create = _client.CreateFolderAsync("Existing");
        (await _server.ReadLineAsync()).Should().Be("A1 CREATE Existing");
        await _server.SendAsync("A1 NO [ALREADYEXISTS] Mailbox already exists\r\n");
        var error = (await create.Awaiting(c => c).Should().ThrowAsync<ImapCommandException>()).Which;
        error.ResponseCode.Should().Be("ALREADYEXISTS");
        error.ServerText.Should().Be("Mailbox already exists");
        error.Status.Should().Be(ImapResponseStatus.No);
        error.IsRetryable.Should().BeFalse();

        var noop = _client.NoopAsync();
        await _server.ReadLineAsync();
        await _server.SendAsync("A2 BAD Error in IMAP command\r\n");
        (await noop.Awaiting(n => n).Should().ThrowAsync<ImapCommandException>()).Which.Status.Should().Be(ImapResponseStatus.Bad);
        _client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task Pipelined_commands_are_matched_by_tag_even_when_answered_out_of_order()
    {
        await ConnectAsync(Greeting);
        var first = _client.UidSearchAsync(ImapSearchQuery.All);
        var second = _client.UidSearchAsync(ImapSearchQuery.Since(new DateOnly(2024, 2, 1)).And(ImapSearchQuery.Uids(UidSet.Parse("1:100"))));
        (await _server.ReadLineAsync()).Should().Be("A1 UID SEARCH RETURN (ALL) ALL");
        (await _server.ReadLineAsync()).Should().Be("A2 UID SEARCH RETURN (ALL) SINCE 1-Feb-2024 UID 1:100");
        await _server.SendAsync(
            "* ESEARCH (TAG \"A2\") UID ALL 5:7,9\r\nA2 OK done\r\n" +
            "* ESEARCH (TAG \"A1\") UID ALL 1:10000\r\nA1 OK done\r\n");
        (await second).ToString().Should().Be("5:7,9");
        var all = await first;
        all.Count.Should().Be(10000);
        all.Ranges.Should().HaveCount(1);
    }

    [Fact]
    public async Task Plain_search_results_are_compacted_and_an_empty_esearch_is_empty()
    {
        await ConnectAsync(Greeting);
        _client.UseESearch = false;
        var search = _client.UidSearchAsync(ImapSearchQuery.Header("Message-ID", "<a b@c>"));
        (await _server.ReadLineAsync()).Should().Be("A1 UID SEARCH HEADER Message-ID \"<a b@c>\"");
        await _server.SendAsync("* SEARCH 4 2 3 10 1\r\n* SEARCH\r\nA1 OK done\r\n");
        (await search).ToString().Should().Be("1:4,10");

        _client.UseESearch = true;
        var none = _client.UidSearchAsync(ImapSearchQuery.All);
        await _server.ReadLineAsync();
        await _server.SendAsync("* ESEARCH (TAG \"A2\") UID\r\nA2 OK done\r\n");
        (await none).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task Without_literal_plus_append_waits_for_the_continuation()
    {
        await ConnectAsync("* OK [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n");
        var message = "Subject: x\r\n\r\nhi\r\n"u8.ToArray();
        var append = _client.AppendAsync("INBOX", ImapAppendMessage.FromBytes(message));
        (await _server.ReadLineAsync()).Should().Be($"A1 APPEND INBOX () {{{message.Length}}}");
        await _server.SendAsync("+ Ready for literal data\r\n");
        (await _server.ReadBytesAsync(message.Length)).Should().Equal(message);
        (await _server.ReadLineAsync()).Should().BeEmpty();
        await _server.SendAsync("A1 OK [APPENDUID 38505 3955] APPEND completed\r\n");
        var result = await append;
        result.UidValidity.Should().Be(38505);
        result.Uids.Should().Equal(3955u);
    }

    [Fact]
    public async Task A_rejection_instead_of_a_continuation_fails_only_that_command()
    {
        await ConnectAsync("* OK [CAPABILITY IMAP4rev1] ready\r\n");
        var append = _client.AppendAsync("Nope", ImapAppendMessage.FromBytes(new byte[100]));
        (await _server.ReadLineAsync()).Should().Be("A1 APPEND Nope () {100}");
        await _server.SendAsync("A1 NO [TRYCREATE] Mailbox doesn't exist: Nope\r\n");
        (await append.Awaiting(a => a).Should().ThrowAsync<ImapCommandException>()).Which.ResponseCode.Should().Be("TRYCREATE");

        var noop = _client.NoopAsync();
        (await _server.ReadLineAsync()).Should().Be("A2 NOOP");
        await _server.SendAsync("A2 OK\r\n");
        await noop;
    }

    [Fact]
    public async Task Append_with_literal_plus_sends_flags_date_and_data_without_waiting()
    {
        await ConnectAsync(Greeting);
        var date = new DateTimeOffset(1999, 12, 31, 23, 59, 58, TimeSpan.FromHours(5.5));
        var append = _client.AppendAsync("Archiv/Übersicht", ImapAppendMessage.FromBytes("abc"u8.ToArray()) with
        {
            Flags = ImapMessageFlags.Seen | ImapMessageFlags.Recent | ImapMessageFlags.Draft,
            Keywords = ["$Forwarded"],
            InternalDate = date,
        });
        (await _server.ReadLineAsync()).Should()
            .Be("A1 APPEND Archiv/&ANw-bersicht (\\Seen \\Draft $Forwarded) \"31-Dec-1999 23:59:58 +0530\" {3+}");
        (await _server.ReadLineAsync()).Should().Be("abc");
        await _server.SendAsync("A1 OK [APPENDUID 1 2] done\r\n");
        (await append).Uids.Should().Equal(2u);
    }

    [Fact]
    public async Task An_invalid_keyword_fails_before_anything_is_sent()
    {
        await ConnectAsync(Greeting);
        var bad = ImapAppendMessage.FromBytes("x"u8.ToArray()) with { Keywords = ["has space"] };
        await _client.Awaiting(c => c.AppendAsync("INBOX", bad)).Should().ThrowAsync<ArgumentException>();
        var noop = _client.NoopAsync();
        (await _server.ReadLineAsync()).Should().Be("A1 NOOP");
        await _server.SendAsync("A1 OK\r\n");
        await noop;
    }

    [Fact]
    public async Task An_append_batch_is_one_multiappend_written_as_messages_are_added()
    {
        await ConnectAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+ MULTIAPPEND UIDPLUS] ready\r\n");
        await using var batch = _client.CreateAppendBatch("Archiv");
        await batch.AddAsync(ImapAppendMessage.FromStream(new MemoryStream("one"u8.ToArray()), 3) with { Flags = ImapMessageFlags.Seen });
        await batch.AddAsync(ImapAppendMessage.FromBytes("two!"u8.ToArray()));
        var noop = _client.NoopAsync(); // waits: the batch holds the send side
        var confirmation = await batch.CompleteAsync(); // small messages are pushed out together at the end
        (await _server.ReadLineAsync()).Should().Be("A1 APPEND Archiv (\\Seen) {3+}");
        (await _server.ReadLineAsync()).Should().Be("one () {4+}");
        (await _server.ReadLineAsync()).Should().Be("two!");
        (await _server.ReadLineAsync()).Should().Be("A2 NOOP");
        await _server.SendAsync("A1 OK [APPENDUID 9 41:42] Append completed.\r\nA2 OK\r\n");
        (await confirmation).Uids.ToString().Should().Be("41:42");
        batch.Count.Should().Be(2);
        await noop;
    }

    [Fact]
    public async Task An_append_batch_refused_before_its_first_literal_reports_the_server_answer()
    {
        await ConnectAsync("* OK [CAPABILITY IMAP4rev1 MULTIAPPEND] ready\r\n");
        await using var batch = _client.CreateAppendBatch("Missing");
        var add = batch.AddAsync(ImapAppendMessage.FromBytes("abc"u8.ToArray())).AsTask();
        (await _server.ReadLineAsync()).Should().Be("A1 APPEND Missing () {3}");
        await _server.SendAsync("A1 NO [TRYCREATE] Mailbox doesn't exist: Missing\r\n");
        (await add.Awaiting(a => a).Should().ThrowAsync<ImapCommandException>()).Which.ResponseCode.Should().Be("TRYCREATE");

        var noop = _client.NoopAsync();
        (await _server.ReadLineAsync()).Should().Be("A2 NOOP");
        await _server.SendAsync("A2 OK\r\n");
        await noop;
    }

    [Fact]
    public async Task An_abandoned_append_batch_closes_the_connection_so_nothing_is_stored()
    {
        await ConnectAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+ MULTIAPPEND] ready\r\n");
        await using (var batch = _client.CreateAppendBatch("INBOX"))
        {
            await batch.AddAsync(ImapAppendMessage.FromBytes("abc"u8.ToArray()));
        }

        _client.IsConnected.Should().BeFalse();
        (await _server.ClientClosedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Login_arguments_never_reach_the_protocol_log()
    {
        await ConnectAsync(Greeting);
        var login = _client.LoginAsync("alice@example.test", "pa\"ss wörd");
        var line = await _server.ReadLineAsync();
        line.Should().StartWith("A1 LOGIN alice@example.test {");
        var length = int.Parse(line[(line.IndexOf('{') + 1)..line.IndexOf('+')]);
        Encoding.UTF8.GetString(await _server.ReadBytesAsync(length)).Should().Be("pa\"ss wörd");
        await _server.ReadLineAsync();
        await _server.SendAsync("A1 OK [CAPABILITY IMAP4rev1 MULTIAPPEND] Logged in\r\n");
        await login;

        _client.Capabilities.MultiAppend.Should().BeTrue("the OK carried a new capability list");
        _log.Client.Should().Contain("A1 LOGIN ").And.NotContain("alice").And.NotContain("wörd").And.NotContain("pa\"ss");
    }

    [Fact]
    public async Task Authenticate_plain_waits_for_the_challenge_without_sasl_ir_and_hides_the_response()
    {
        await ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        var auth = _client.AuthenticatePlainAsync("bob", "hunter2");
        (await _server.ReadLineAsync()).Should().Be("A1 AUTHENTICATE PLAIN");
        await _server.SendAsync("+ \r\n");
        var response = await _server.ReadLineAsync();
        Encoding.UTF8.GetString(Convert.FromBase64String(response)).Should().Be("\0bob\0hunter2");
        await _server.SendAsync("A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");

        var error = (await auth.Awaiting(a => a).Should().ThrowAsync<ImapAuthenticationException>()).Which;
        error.ResponseCode.Should().Be("AUTHENTICATIONFAILED");
        error.IsRetryable.Should().BeFalse();
        error.Message.Should().NotContain("hunter2").And.NotContain(response);
        _log.Client.Should().NotContain(response).And.Contain("AUTHENTICATE PLAIN");
    }

    [Fact]
    public async Task Bye_and_close_fail_every_command_in_flight_as_connection_lost()
    {
        await ConnectAsync(Greeting);
        var first = _client.NoopAsync();
        var second = _client.UidFetchAsync(UidSet.Single(1), ImapFetchItems.Flags);
        await _server.ReadLineAsync();
        await _server.ReadLineAsync();
        await _server.SendAsync("* BYE Server shutting down.\r\n");
        _server.CloseConnection();

        var error = (await first.Awaiting(f => f).Should().ThrowAsync<ImapConnectionLostException>()).Which;
        error.ServerText.Should().Be("Server shutting down.");
        error.IsRetryable.Should().BeTrue();
        await second.Awaiting(s => s).Should().ThrowAsync<ImapConnectionLostException>();
        _client.IsConnected.Should().BeFalse();
        await _client.Awaiting(c => c.NoopAsync()).Should().ThrowAsync<ImapConnectionLostException>();
    }

    [Fact]
    public async Task A_connection_dropped_inside_a_body_is_a_lost_connection_not_a_callback_error()
    {
        await ConnectAsync(Greeting);
        var fetch = _client.UidFetchBodiesAsync(UidSet.Single(1), ImapFetchItems.None,
            async (body, ct) => await body.Content.CopyToAsync(Stream.Null, ct));
        await _server.ReadLineAsync();
        await _server.SendAsync("* 1 FETCH (UID 1 BODY[] {100}\r\nonly ten b");
        _server.CloseConnection();
        await fetch.Awaiting(f => f).Should().ThrowAsync<ImapConnectionLostException>();
        _client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task Cancelling_a_command_in_flight_closes_the_connection()
    {
        await ConnectAsync(Greeting);
        using var cts = new CancellationTokenSource();
        var waiting = _client.NoopAsync(cts.Token);
        var other = _client.NoopAsync();
        await _server.ReadLineAsync();
        await _server.ReadLineAsync();
        await cts.CancelAsync();

        await waiting.Awaiting(w => w).Should().ThrowAsync<OperationCanceledException>();
        await other.Awaiting(o => o).Should().ThrowAsync<ImapConnectionLostException>();
        (await _server.ClientClosedAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Garbage_from_the_server_is_a_protocol_error_that_closes_the_connection()
    {
        await ConnectAsync(Greeting);
        var noop = _client.NoopAsync();
        await _server.ReadLineAsync();
        await _server.SendAsync("A1 MAYBE\r\n");
        await noop.Awaiting(n => n).Should().ThrowAsync<ImapProtocolException>();
        _client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task Select_reports_the_mailbox_state()
    {
        await ConnectAsync(Greeting);
        var mailbox = await SelectAsync();
        mailbox.Should().BeEquivalentTo(new ImapMailbox
        {
            Name = "INBOX",
            UidValidity = 1700000000,
            UidNext = 12,
            Exists = 2,
            Recent = 1,
            Flags = ImapMessageFlags.Seen | ImapMessageFlags.Answered | ImapMessageFlags.Flagged | ImapMessageFlags.Deleted | ImapMessageFlags.Draft,
            Keywords = ["$Label1"],
            PermanentFlags = ImapMessageFlags.Seen | ImapMessageFlags.Deleted,
            PermanentKeywords = [],
            CanCreateKeywords = true,
            HighestModSeq = 77,
            ReadOnly = false,
        });
    }

    private async Task<ImapMailbox> SelectAsync()
    {
        var select = _client.SelectAsync("INBOX");
        var line = await _server.ReadLineAsync();
        line.Should().EndWith(" SELECT INBOX");
        var tag = line[..line.IndexOf(' ')];
        await _server.SendAsync(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Label1)\r\n" +
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Flags permitted.\r\n" +
            "* 2 EXISTS\r\n* 1 RECENT\r\n" +
            "* OK [UIDVALIDITY 1700000000] UIDs valid\r\n* OK [UIDNEXT 12] Predicted next UID\r\n" +
            "* OK [HIGHESTMODSEQ 77] Highest\r\n" +
            $"{tag} OK [READ-WRITE] Select completed.\r\n");
        return await select;
    }

    /// <summary>Connects and sends the greeting; the returned task is the client's connect, which may still wait.</summary>
    private async Task<Task> StartConnectAsync(string greeting)
    {
        _client = new ImapClient(new ImapClientOptions
        {
            Host = "127.0.0.1", Port = _server.Port, Security = ImapSecurity.None, ProtocolLogger = _log,
        });
        var connect = _client.ConnectAsync();
        await _server.AcceptAsync(greeting);
        return connect;
    }

    private async Task ConnectAsync(string greeting) => await await StartConnectAsync(greeting);
}
