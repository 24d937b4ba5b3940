using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>
/// An IMAP4rev1 client for mailbox migration: one connection, many commands in flight. Every method may be called
/// concurrently; commands go out in call order and answers are matched by tag, so e.g. the next batch can be
/// fetched while appends are still being confirmed. Message bodies stream in and out with bounded memory.
/// A client is used for one connection: after a <see cref="ImapConnectionLostException"/>, create a new one.
/// </summary>
public sealed class ImapClient : IAsyncDisposable
{
    private readonly ImapEngine _engine;
    private bool _connectStarted;
    private volatile bool _authenticated;

    public ImapClient(ImapClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Port);
        if (options.ReadTimeout != Timeout.InfiniteTimeSpan &&
            (options.ReadTimeout <= TimeSpan.Zero || options.ReadTimeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReadTimeout,
                "ReadTimeout must be positive (at most about 24 days) or Timeout.InfiniteTimeSpan.");
        }

        _engine = new ImapEngine(options);
    }

    public ImapCapabilities Capabilities => _engine.Capabilities;

    public bool IsConnected => _engine.IsOpen;

    public bool IsAuthenticated => _authenticated && IsConnected;

    /// <summary>The selected mailbox, kept current by untagged EXISTS/EXPUNGE/FLAGS; null before SELECT.</summary>
    public ImapMailbox? SelectedMailbox => _engine.Mailbox.Snapshot;

    internal ImapEngine Engine => _engine;

    /// <summary>Tests: turn off ESEARCH to exercise the plain SEARCH answer.</summary>
    internal bool UseESearch { get; set; } = true;

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        MarkConnectStarted();
        _authenticated = await _engine.ConnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Speaks IMAP over a stream the caller opened (used by tests to script a server).</summary>
    internal async Task ConnectAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        MarkConnectStarted();
        _authenticated = await _engine.StartAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>LOGIN. Both arguments are hidden from the protocol logger and from every error message.</summary>
    public async Task LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (Capabilities.LoginDisabled)
        {
            throw new ImapAuthenticationException(
                $"The IMAP server {_engine.Endpoint} refuses LOGIN on this connection (LOGINDISABLED). Connect with TLS or use AUTHENTICATE.");
        }

        _engine.ForgetCapabilities();
        var command = new ImapCommand("LOGIN", async (w, ct) =>
        {
            w.WriteSpace();
            await w.WriteAstringAsync(userName, ct, secret: true).ConfigureAwait(false);
            w.WriteSpace();
            await w.WriteAstringAsync(password, ct, secret: true).ConfigureAwait(false);
        });
        var response = await _engine.RunAsync(command, cancellationToken).ConfigureAwait(false);
        await FinishAuthenticationAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>AUTHENTICATE PLAIN (RFC 4616), with the initial response inline when the server offers SASL-IR.</summary>
    public async Task AuthenticatePlainAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!Capabilities.AuthenticationMechanisms.Contains("PLAIN"))
        {
            throw new ImapAuthenticationException(
                $"The IMAP server {_engine.Endpoint} does not offer AUTH=PLAIN (it offers: {string.Join(", ", Capabilities.AuthenticationMechanisms)}).");
        }

        // authzid NUL authcid NUL password, base64; both buffers are wiped afterwards.
        var userBytes = Encoding.UTF8.GetByteCount(userName);
        var passBytes = Encoding.UTF8.GetByteCount(password);
        var rawLength = 2 + userBytes + passBytes;
        var raw = ArrayPool<byte>.Shared.Rent(rawLength);
        var encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(rawLength));
        try
        {
            raw[0] = 0;
            Encoding.UTF8.GetBytes(userName, raw.AsSpan(1));
            raw[1 + userBytes] = 0;
            Encoding.UTF8.GetBytes(password, raw.AsSpan(2 + userBytes));
            Base64.EncodeToUtf8(raw.AsSpan(0, rawLength), encoded, out _, out var encodedLength);
            var initialResponse = Capabilities.SaslInitialResponse;
            _engine.ForgetCapabilities();
            var command = new ImapCommand("AUTHENTICATE", async (w, ct) =>
            {
                w.Write(" PLAIN"u8);
                if (initialResponse)
                {
                    w.WriteSpace();
                }
                else
                {
                    w.WriteCrlf();
                    await w.WaitForContinuationAsync(ct).ConfigureAwait(false);
                }

                w.WriteSecret(encoded.AsSpan(0, encodedLength));
            });
            var response = await _engine.RunAsync(command, cancellationToken).ConfigureAwait(false);
            await FinishAuthenticationAsync(response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            raw.AsSpan(0, rawLength).Clear();
            encoded.AsSpan().Clear();
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    /// <summary>CAPABILITY: asks again (normally not needed; the list is kept current automatically).</summary>
    public async Task<ImapCapabilities> RefreshCapabilitiesAsync(CancellationToken cancellationToken = default)
    {
        await _engine.RunCapabilityAsync(cancellationToken).ConfigureAwait(false);
        return Capabilities;
    }

    /// <summary>LIST; names are given and returned decoded (modified UTF-7 is handled here).</summary>
    public async Task<IReadOnlyList<ImapFolder>> ListAsync(
        string reference = "", string pattern = "*", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(pattern);
        var folders = new List<ImapFolder>();
        var command = new ImapCommand("LIST", async (w, ct) =>
        {
            w.WriteSpace();
            await w.WriteMailboxAsync(reference, ct).ConfigureAwait(false);
            w.WriteSpace();
            await w.WriteMailboxAsync(pattern, ct).ConfigureAwait(false);
        }, ImapCommandKind.List) { Folders = folders };
        await RunCheckedAsync(command, cancellationToken).ConfigureAwait(false);
        return folders;
    }

    /// <summary>CREATE. An existing folder fails with <see cref="ImapCommandException.ResponseCode"/> ALREADYEXISTS.</summary>
    public Task CreateFolderAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunCheckedAsync(new ImapCommand("CREATE", async (w, ct) =>
        {
            w.WriteSpace();
            await w.WriteMailboxAsync(name, ct).ConfigureAwait(false);
        }), cancellationToken);
    }

    public Task<ImapMailbox> SelectAsync(string name, CancellationToken cancellationToken = default) =>
        OpenMailboxAsync(name, readOnly: false, cancellationToken);

    public Task<ImapMailbox> ExamineAsync(string name, CancellationToken cancellationToken = default) =>
        OpenMailboxAsync(name, readOnly: true, cancellationToken);

    /// <summary>UID SEARCH in the selected mailbox; uses ESEARCH's compact answer when offered.</summary>
    public async Task<UidSet> UidSearchAsync(ImapSearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var results = new UidSetBuilder();
        var esearch = UseESearch && Capabilities.ESearch;
        var needsUtf8 = query.Criteria.Any(c => c.Strings?.Any(s => s.Any(ch => ch > 0x7e)) == true);
        var command = new ImapCommand("UID SEARCH", async (w, ct) =>
        {
            if (esearch)
            {
                w.Write(" RETURN (ALL)"u8);
            }

            if (needsUtf8)
            {
                w.Write(" CHARSET UTF-8"u8);
            }

            foreach (var criterion in query.Criteria)
            {
                w.WriteSpace();
                w.WriteAscii(criterion.Keyword);
                if (criterion.Atom is not null)
                {
                    w.WriteSpace();
                    w.WriteAscii(criterion.Atom);
                }

                foreach (var s in criterion.Strings ?? [])
                {
                    w.WriteSpace();
                    await w.WriteAstringAsync(s, ct).ConfigureAwait(false);
                }
            }
        }, ImapCommandKind.Search) { SearchResults = results };
        await RunCheckedAsync(command, cancellationToken).ConfigureAwait(false);
        return results.Build();
    }

    /// <summary>UID FETCH of metadata (no body), in the order the server sent it.</summary>
    public Task<IReadOnlyList<ImapMessageSummary>> UidFetchAsync(
        UidSet uids, ImapFetchItems items, CancellationToken cancellationToken = default) =>
        FetchAsync(uids, items, onBody: null, cancellationToken);

    /// <summary>
    /// UID FETCH with BODY.PEEK[] (does not set \Seen): each body is streamed to <paramref name="onBody"/> while it
    /// arrives; memory stays bounded whatever the message size. The callback runs on the connection's reader, so
    /// it must finish with the body before returning and must not wait for another command on this client (it may
    /// start commands on other clients, e.g. <see cref="StartAppendAsync"/> on the destination). If it throws, the
    /// rest of the fetch is still read and the returned task fails with that exception.
    /// </summary>
    public Task<IReadOnlyList<ImapMessageSummary>> UidFetchBodiesAsync(
        UidSet uids,
        ImapFetchItems items,
        Func<ImapFetchedBody, CancellationToken, ValueTask> onBody,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onBody);
        return FetchAsync(uids, items, onBody, cancellationToken);
    }

    /// <summary>Copies one message's exact bytes to <paramref name="destination"/>; null when the UID does not exist.</summary>
    public async Task<ImapMessageSummary?> UidFetchBodyAsync(
        uint uid, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var summaries = await FetchAsync(UidSet.Single(uid), ImapFetchItems.Metadata,
            async (body, ct) => await body.Content.CopyToAsync(destination, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return summaries.FirstOrDefault(s => s.Uid == uid);
    }

    /// <summary>APPEND one message and wait for the server's answer.</summary>
    public async Task<ImapAppendResult> AppendAsync(
        string folder, ImapAppendMessage message, CancellationToken cancellationToken = default)
    {
        var confirmation = await StartAppendAsync(folder, message, cancellationToken).ConfigureAwait(false);
        return await confirmation.ConfigureAwait(false);
    }

    /// <summary>
    /// The pipelining primitive: returns once the message is on the wire (its stream fully read), handing back a
    /// task for the server's answer. Call it repeatedly without awaiting the answers to keep the link busy.
    /// </summary>
    public async Task<Task<ImapAppendResult>> StartAppendAsync(
        string folder, ImapAppendMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        var command = new ImapCommand("APPEND", (w, ct) => WriteAppendAsync(w, folder, [message], ct));
        await _engine.SendAsync(command, cancellationToken).ConfigureAwait(false);
        return FinishAppendAsync(command, cancellationToken);
    }

    /// <summary>
    /// Appends several messages: one MULTIAPPEND command when offered (all or nothing), otherwise pipelined
    /// APPENDs. UIDs come back in message order when the server has UIDPLUS.
    /// </summary>
    public async Task<ImapAppendResult> AppendAsync(
        string folder, IReadOnlyList<ImapAppendMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            throw new ArgumentException("Nothing to append.", nameof(messages));
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            message.Validate();
        }

        if (Capabilities.MultiAppend || messages.Count == 1)
        {
            var command = new ImapCommand("APPEND", (w, ct) => WriteAppendAsync(w, folder, messages, ct));
            await _engine.SendAsync(command, cancellationToken).ConfigureAwait(false);
            return await FinishAppendAsync(command, cancellationToken).ConfigureAwait(false);
        }

        var confirmations = new List<Task<ImapAppendResult>>(messages.Count);
        foreach (var message in messages)
        {
            confirmations.Add(await StartAppendAsync(folder, message, cancellationToken).ConfigureAwait(false));
        }

        var results = await Task.WhenAll(confirmations).ConfigureAwait(false);
        var uids = new UidSetBuilder();
        foreach (var r in results)
        {
            uids.AddSet(r.Uids);
        }

        return new ImapAppendResult(results[0].UidValidity, uids.Build());
    }

    /// <summary>
    /// An APPEND to which messages are added one at a time, each written to the connection as it is added (so a
    /// body being fetched elsewhere can be relayed with bounded memory). With MULTIAPPEND it is one all-or-nothing
    /// command, the fastest way to store many messages (Dovecot commits it as one transaction); without, each
    /// message is its own pipelined APPEND. While a MULTIAPPEND batch is open it holds this connection's send side,
    /// so other commands on this client wait until <see cref="ImapAppendBatch.CompleteAsync"/>.
    /// </summary>
    public ImapAppendBatch CreateAppendBatch(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return new ImapAppendBatch(this, folder, Capabilities.MultiAppend);
    }

    /// <summary>UID COPY to another folder of the same account; COPYUID tells where the copies went.</summary>
    public async Task<ImapCopyResult> UidCopyAsync(
        UidSet uids, string destinationFolder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        ArgumentException.ThrowIfNullOrEmpty(destinationFolder);
        var response = await RunCheckedAsync(new ImapCommand("UID COPY", async (w, ct) =>
        {
            w.WriteSpace();
            w.WriteUidSet(uids);
            w.WriteSpace();
            await w.WriteMailboxAsync(destinationFolder, ct).ConfigureAwait(false);
        }), cancellationToken).ConfigureAwait(false);
        return response.Code is { Name: "COPYUID" } code
            ? new ImapCopyResult(code.Number, code.Uids!, code.DestinationUids!)
            : new ImapCopyResult(0, UidSet.Empty, UidSet.Empty);
    }

    public Task NoopAsync(CancellationToken cancellationToken = default) =>
        RunCheckedAsync(new ImapCommand("NOOP"), cancellationToken);

    /// <summary>LOGOUT and close. Does nothing when the connection is already gone.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            return;
        }

        _engine.BeginLogout();
        try
        {
            await RunCheckedAsync(new ImapCommand("LOGOUT", kind: ImapCommandKind.Logout), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ImapConnectionLostException)
        {
            // the server may close before the tagged OK arrives; logging out is what we wanted anyway
        }

        await _engine.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the connection at once (no LOGOUT); commands in flight fail with a connection-lost error.</summary>
    public ValueTask DisposeAsync() => _engine.DisposeAsync();

    private void MarkConnectStarted()
    {
        if (_connectStarted)
        {
            throw new InvalidOperationException("An ImapClient connects once; create a new one to reconnect.");
        }

        _connectStarted = true;
    }

    private async Task FinishAuthenticationAsync(ImapStatusResponse response, CancellationToken ct)
    {
        if (response.Status != ImapResponseStatus.Ok)
        {
            var code = response.Code?.Name;
            var codePart = code is null ? "" : $"[{code}] ";
            throw new ImapAuthenticationException(
                $"The IMAP server {_engine.Endpoint} rejected the credentials: {codePart}{response.Text}. Check the user name and password.",
                code,
                response.Text);
        }

        _authenticated = true;
        if (!_engine.CapabilitiesReceived)
        {
            await _engine.RunCapabilityAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<ImapMailbox> OpenMailboxAsync(string name, bool readOnly, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var command = new ImapCommand(readOnly ? "EXAMINE" : "SELECT", async (w, c) =>
        {
            w.WriteSpace();
            await w.WriteMailboxAsync(name, c).ConfigureAwait(false);
        }, ImapCommandKind.Select) { Exclusive = true, MailboxName = name, ReadOnlySelect = readOnly };
        var response = await _engine.RunAsync(command, ct).ConfigureAwait(false);
        if (response.Status != ImapResponseStatus.Ok)
        {
            _engine.Mailbox.Clear();
            ImapEngine.ThrowIfFailed(response, command.Name);
        }

        return _engine.Mailbox.Snapshot ?? throw new InvalidOperationException("The mailbox state vanished during SELECT.");
    }

    private async Task<IReadOnlyList<ImapMessageSummary>> FetchAsync(
        UidSet uids,
        ImapFetchItems items,
        Func<ImapFetchedBody, CancellationToken, ValueTask>? onBody,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        if (uids.IsEmpty)
        {
            return [];
        }

        var fetch = new ImapFetchState(uids, onBody, cancellationToken);
        var command = new ImapCommand("UID FETCH", (w, _) =>
        {
            w.WriteSpace();
            w.WriteUidSet(uids);
            w.Write(" (UID"u8);
            if ((items & ImapFetchItems.Flags) != 0)
            {
                w.Write(" FLAGS"u8);
            }

            if ((items & ImapFetchItems.InternalDate) != 0)
            {
                w.Write(" INTERNALDATE"u8);
            }

            if ((items & ImapFetchItems.Size) != 0)
            {
                w.Write(" RFC822.SIZE"u8);
            }

            if ((items & ImapFetchItems.MessageId) != 0)
            {
                w.Write(" BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"u8);
            }

            if (onBody is not null)
            {
                w.Write(" BODY.PEEK[]"u8);
            }

            w.Write(")"u8);
            return ValueTask.CompletedTask;
        }, ImapCommandKind.Fetch) { Fetch = fetch };
        await RunCheckedAsync(command, cancellationToken).ConfigureAwait(false);
        return fetch.Results;
    }

    private static async ValueTask WriteAppendAsync(
        ImapCommandWriter w, string folder, IReadOnlyList<ImapAppendMessage> messages, CancellationToken ct)
    {
        w.WriteSpace();
        await w.WriteMailboxAsync(folder, ct).ConfigureAwait(false);
        foreach (var message in messages)
        {
            await WriteAppendMessageAsync(w, message, ct).ConfigureAwait(false);
        }
    }

    /// <summary>" (flags) "date" {n+}\r\nbytes" for one message of an APPEND / MULTIAPPEND.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal static async ValueTask WriteAppendMessageAsync(ImapCommandWriter w, ImapAppendMessage message, CancellationToken ct)
    {
        w.WriteSpace();
        w.WriteFlagList(message.Flags & ~ImapMessageFlags.Recent, message.Keywords);
        if (message.InternalDate is { } date)
        {
            w.WriteSpace();
            w.WriteQuoted(ImapDate.FormatDateTime(date));
        }

        w.WriteSpace();
        if (message.Stream is { } stream)
        {
            await w.WriteLiteralAsync(stream, message.Length, ct).ConfigureAwait(false);
        }
        else
        {
            await w.WriteLiteralAsync(message.Bytes, secret: false, ct).ConfigureAwait(false);
        }
    }

    internal async Task<ImapAppendResult> FinishAppendAsync(ImapCommand command, CancellationToken ct)
    {
        var response = await _engine.WaitAsync(command, ct).ConfigureAwait(false);
        ImapEngine.ThrowIfFailed(response, "APPEND");
        return response.Code is { Name: "APPENDUID" } code
            ? new ImapAppendResult(code.Number, code.Uids!)
            : new ImapAppendResult(0, UidSet.Empty);
    }

    private async Task<ImapStatusResponse> RunCheckedAsync(ImapCommand command, CancellationToken ct)
    {
        var response = await _engine.RunAsync(command, ct).ConfigureAwait(false);
        ImapEngine.ThrowIfFailed(response, command.Name);
        return response;
    }
}
