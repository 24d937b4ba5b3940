using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Reconciler.Migration.Imap;

/// <summary>
/// Owns one connection: the transport, the command queue and tags, literals and continuations, and a reader loop
/// that matches every response to its command. Commands are written one at a time but need not wait for earlier
/// answers, so many can be in flight (pipelining). Untagged data goes to the oldest in-flight command that
/// collects that kind, or updates the selected-mailbox state. While an answer is awaited, a server that sends
/// nothing for <see cref="ImapClientOptions.ReadTimeout"/> closes the connection (see <see cref="ImapTimeoutStream"/>).
/// </summary>
internal sealed class ImapEngine : IAsyncDisposable
{
    private readonly ImapClientOptions _options;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<ImapCommand> _pending = [];
    private readonly ImapCommandWriter _writer;
    private readonly CancellationTokenSource _life = new();
    private readonly TaskCompletionSource<ImapGreeting> _greeting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<uint, ImapCommand?> _resolveFetchTarget;
    private Stream? _transport;
    private ImapTimeoutStream? _timeouts;
    private int _awaitingAnswers;
    private PipeReader? _pipeReader;
    private PipeWriter? _pipeWriter;
    private ImapTokenizer? _tokenizer;
    private Task _readLoop = Task.CompletedTask;
    private uint _lastTag;
    private ImapCommand? _continuationCommand;
    private TaskCompletionSource<string?>? _continuationWaiter;
    private volatile ImapCapabilities _capabilities = ImapCapabilities.None;
    private volatile bool _capabilitiesReceived;
    private volatile ImapException? _closedReason;
    private volatile string? _byeText;
    private volatile bool _loggingOut;
    private bool _greetingSeen;

    public ImapEngine(ImapClientOptions options)
    {
        _options = options;
        _writer = new ImapCommandWriter(this);
        _resolveFetchTarget = ResolveFetchTarget;
    }

    public ImapCapabilities Capabilities => _capabilities;

    /// <summary>True once a CAPABILITY list arrived since <see cref="ForgetCapabilities"/> (e.g. in LOGIN's OK).</summary>
    public bool CapabilitiesReceived => _capabilitiesReceived;

    public ImapMailboxState Mailbox { get; } = new();

    public bool IsOpen => _closedReason is null && _transport is not null;

    public string Endpoint => $"{_options.Host}:{_options.Port}";

    /// <summary>TCP (+ implicit TLS or STARTTLS) and the greeting. Returns true when the greeting was PREAUTH.</summary>
    public async Task<bool> ConnectAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (_options.Security == ImapSecurity.ImplicitTls)
            {
                try
                {
                    stream = await ImapTls.AuthenticateAsync(stream, _options, timeout.Token).ConfigureAwait(false);
                }
                catch
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            var preAuth = await StartAsync(stream, timeout.Token).ConfigureAwait(false);
            if (_options.Security == ImapSecurity.StartTls)
            {
                if (preAuth)
                {
                    // RFC 3501: STARTTLS is not allowed once authenticated, and PREAUTH over plain text would skip TLS.
                    throw new ImapTlsException(
                        $"The IMAP server {Endpoint} pre-authenticated the plain-text connection, so STARTTLS cannot be used.");
                }

                await UpgradeWithStartTlsAsync(timeout.Token).ConfigureAwait(false);
            }

            return preAuth;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var lost = new ImapConnectionLostException(
                $"Connecting to the IMAP server {Endpoint} did not finish within {_options.ConnectTimeout.TotalSeconds:0.#} s.");
            Fail(lost);
            throw lost;
        }
        catch (SocketException ex)
        {
            var lost = new ImapConnectionLostException(
                $"Could not connect to the IMAP server {Endpoint}: {ex.Message}", ex);
            Fail(lost);
            throw lost;
        }
        catch (Exception ex)
        {
            Fail(ex as ImapException ?? new ImapConnectionLostException($"Connecting to {Endpoint} failed.", ex));
            throw;
        }
    }

    /// <summary>Runs the protocol over an already open stream (tests, or transports the caller sets up).</summary>
    public async Task<bool> StartAsync(Stream stream, CancellationToken ct)
    {
        Attach(stream);
        StartReadLoop();
        var greeting = await _greeting.Task.WaitAsync(ct).ConfigureAwait(false);
        if (greeting.Status == "BYE")
        {
            throw new ImapConnectionLostException(
                $"The IMAP server {Endpoint} refused the connection: BYE {greeting.Text}") { ServerText = greeting.Text };
        }

        if (!_capabilitiesReceived)
        {
            await RunCapabilityAsync(ct).ConfigureAwait(false);
        }

        return greeting.Status == "PREAUTH";
    }

    public void ForgetCapabilities() => _capabilitiesReceived = false;

    public async Task RunCapabilityAsync(CancellationToken ct)
    {
        var response = await RunAsync(new ImapCommand("CAPABILITY"), ct).ConfigureAwait(false);
        ThrowIfFailed(response, "CAPABILITY");
    }

    public void BeginLogout() => _loggingOut = true;

    /// <summary>Sends the command and waits for its tagged answer.</summary>
    public async Task<ImapStatusResponse> RunAsync(ImapCommand command, CancellationToken ct)
    {
        await SendAsync(command, ct).ConfigureAwait(false);
        return await WaitAsync(command, ct).ConfigureAwait(false);
    }

    /// <summary>Waits for a sent command; cancelling here closes the connection, since its answer is still coming.</summary>
    public async Task<ImapStatusResponse> WaitAsync(ImapCommand command, CancellationToken ct)
    {
        try
        {
            return await command.Completion.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && !command.Completion.IsCompleted)
        {
            Fail(new ImapConnectionLostException(
                $"The connection to {Endpoint} was closed because {command.Name} was cancelled while in flight."));
            throw;
        }
    }

    /// <summary>
    /// Writes the command (waiting for continuations as needed) and returns once it is on the wire; its answer comes
    /// through <see cref="ImapCommand.Completion"/>. Cancelling before the first byte is harmless; cancelling in the
    /// middle closes the connection, because half a command cannot be taken back.
    /// </summary>
    public async Task SendAsync(ImapCommand command, CancellationToken ct)
    {
        var writer = await BeginSendAsync(command, ct).ConfigureAwait(false);
        if (command.WriteArguments is not null)
        {
            try
            {
                await command.WriteArguments(writer, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (AbandonSend(command, ex))
                {
                    return;
                }

                throw;
            }
        }

        await EndSendAsync(command, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the send side, assigns the tag and writes "tag NAME"; the caller writes the arguments and must end with
    /// <see cref="EndSendAsync"/> or <see cref="AbandonSend"/>. Other commands wait meanwhile (an open MULTIAPPEND).
    /// </summary>
    public async Task<ImapCommandWriter> BeginSendAsync(ImapCommand command, CancellationToken ct)
    {
        ThrowIfClosed();
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ThrowIfClosed();
            if (command.Exclusive)
            {
                await WaitForQuiescenceAsync(ct).ConfigureAwait(false);
            }
        }
        catch
        {
            _writeLock.Release();
            throw;
        }

        command.Tag = ++_lastTag;
        lock (_gate)
        {
            _pending.Add(command);
        }

        if (command.Kind == ImapCommandKind.Select)
        {
            Mailbox.Reset(command.MailboxName ?? "", command.ReadOnlySelect);
        }

        _writer.Begin(command);
        return _writer;
    }

    /// <summary>Ends the command line, pushes it out and frees the send side.</summary>
    public async Task EndSendAsync(ImapCommand command, CancellationToken ct)
    {
        try
        {
            _writer.WriteCrlf();
            await _writer.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AbandonSend(command, ex);
            throw;
        }

        lock (_gate)
        {
            // Unless it was answered already (a rejection before its literal), the server now owes the answer.
            if (_pending.Contains(command) && !command.AwaitingAnswer)
            {
                command.AwaitingAnswer = true;
                _awaitingAnswers++;
                UpdateAwaitingLocked();
            }
        }

        _writeLock.Release();
    }

    /// <summary>
    /// Writing the arguments failed. A rejection (the server answered before asking for the rest) ends the send
    /// quietly and returns true; anything else closes the connection. Frees the send side either way.
    /// </summary>
    public bool AbandonSend(ImapCommand command, Exception error)
    {
        try
        {
            if (error is ImapCommandRejectedException)
            {
                return true;
            }

            Fail(error as ImapConnectionLostException ?? new ImapConnectionLostException(
                error is OperationCanceledException
                    ? $"The connection to {Endpoint} was closed because {command.Name} was cancelled while being sent."
                    : $"The connection to {Endpoint} was closed because {command.Name} could not be sent completely.",
                error));
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Registers the current command as waiting for "+", before the bytes that provoke it are flushed.</summary>
    public Task<string?> ExpectContinuation(ImapCommand command)
    {
        var waiter = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ThrowIfClosed();
            if (!_pending.Contains(command))
            {
                throw new ImapCommandRejectedException();
            }

            _continuationCommand = command;
            _continuationWaiter = waiter;
            UpdateAwaitingLocked();
        }

        return waiter.Task;
    }

    /// <summary>Closes the connection at once; commands in flight fail with a connection-lost error saying <paramref name="why"/>.</summary>
    public void Abort(string why) => Fail(new ImapConnectionLostException($"The connection to {Endpoint} was closed: {why}"));

    /// <summary>Closes the connection for <paramref name="inner"/> and returns the exception every waiter gets.</summary>
    public ImapException ConnectionLost(string message, Exception? inner)
    {
        Fail(inner is ImapConnectionLostException { InactivityTimeout: not null } timedOut
            ? timedOut
            : new ImapConnectionLostException(LostMessage(message), inner) { ServerText = _byeText });
        return Rethrowable();
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ImapConnectionLostException($"The connection to {Endpoint} was closed by this client."));
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // the loop reports through Fail; nothing left to do
        }

        try
        {
            _pipeReader?.Complete();
        }
        catch (Exception)
        {
            // returning buffers of a dead connection; nothing to report
        }

        _tokenizer?.Dispose();
        _life.Dispose();
    }

    private void Attach(Stream stream)
    {
        _transport = stream;
        var logger = _options.ProtocolLogger;
        Stream timed = stream;
        if (_options.ReadTimeout != Timeout.InfiniteTimeSpan)
        {
            var timeouts = new ImapTimeoutStream(stream, _options.ReadTimeout, InactivityTimeout);
            lock (_gate)
            {
                _timeouts = timeouts;
                UpdateAwaitingLocked();
            }

            timed = timeouts;
        }

        Stream readSide = logger is null ? timed : new ImapServerLoggingStream(timed, logger);
        _pipeReader = PipeReader.Create(readSide, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: true));
        _pipeWriter = PipeWriter.Create(timed, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
        _tokenizer = new ImapTokenizer(_pipeReader);
        _writer.Attach(_pipeWriter, logger);
    }

    private void StartReadLoop()
    {
        var tokenizer = _tokenizer!;
        _readLoop = Task.Run(() => ReadLoopAsync(tokenizer, _life.Token));
    }

    private async Task UpgradeWithStartTlsAsync(CancellationToken ct)
    {
        if (!_capabilities.StartTls)
        {
            throw new ImapTlsException(
                $"The IMAP server {Endpoint} does not offer STARTTLS. Use implicit TLS (usually port 993) or enable TLS on the server.");
        }

        var response = await RunAsync(new ImapCommand("STARTTLS", kind: ImapCommandKind.StartTls), ct).ConfigureAwait(false);
        if (response.Status != ImapResponseStatus.Ok)
        {
            throw new ImapTlsException($"The IMAP server {Endpoint} refused STARTTLS: {response.Text}");
        }

        await _readLoop.ConfigureAwait(false);
        ThrowIfClosed();
        var tokenizer = _tokenizer!;
        if (tokenizer.BufferedLength > 0)
        {
            // Bytes after the OK and before the handshake were not protected by TLS (CVE-2011-0411 style injection).
            throw new ImapTlsException(
                $"The IMAP server {Endpoint} sent data between accepting STARTTLS and the TLS handshake; refusing to continue.");
        }

        tokenizer.Release();
        await _pipeReader!.CompleteAsync().ConfigureAwait(false);
        await _pipeWriter!.CompleteAsync().ConfigureAwait(false);
        tokenizer.Dispose();

        var tls = await ImapTls.AuthenticateAsync(_transport!, _options, ct).ConfigureAwait(false);
        _capabilities = ImapCapabilities.None;
        _capabilitiesReceived = false;
        Attach(tls);
        StartReadLoop();
        await RunCapabilityAsync(ct).ConfigureAwait(false);
    }

    private async Task WaitForQuiescenceAsync(CancellationToken ct)
    {
        while (true)
        {
            Task? last;
            lock (_gate)
            {
                last = _pending.Count > 0 ? _pending[^1].Completion : null;
            }

            if (last is null)
            {
                return;
            }

            try
            {
                await last.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // its own caller sees the failure
            }

            ThrowIfClosed();
        }
    }

    private async Task ReadLoopAsync(ImapTokenizer tok, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
                switch (kind)
                {
                    case ImapTokenKind.Asterisk:
                        await ReadUntaggedAsync(tok, ct).ConfigureAwait(false);
                        break;
                    case ImapTokenKind.Plus:
                        await ReadContinuationAsync(tok, ct).ConfigureAwait(false);
                        break;
                    case ImapTokenKind.Atom:
                        if (await ReadTaggedAsync(tok, ct).ConfigureAwait(false))
                        {
                            return; // STARTTLS accepted: the handshake takes over the stream
                        }

                        break;
                    case ImapTokenKind.EndOfLine:
                        break;
                    default:
                        throw ImapResponseReader.Unexpected(tok, kind, "'*', '+' or a tag");
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex switch
            {
                ImapProtocolException protocol => protocol,
                ImapConnectionLostException { InactivityTimeout: not null } timedOut => timedOut,
                ImapException other when other is not ImapConnectionLostException => other,
                _ => new ImapConnectionLostException(LostMessage(null), ex) { ServerText = _byeText },
            });
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadTaggedAsync(ImapTokenizer tok, CancellationToken ct)
    {
        if (!TryParseTag(tok.Value, out var tag))
        {
            throw new ImapProtocolException(
                $"The IMAP server sent a line starting with '{tok.ValueAsString()}', which is neither a tag, '*' nor '+'.");
        }

        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        var status = kind == ImapTokenKind.Atom ? ParseStatus(tok) : null;
        if (status is null)
        {
            throw ImapResponseReader.Unexpected(tok, kind, "OK, NO or BAD after a tag");
        }

        var (code, text) = await ImapResponseReader
            .ReadStatusTailAsync(tok, status != ImapResponseStatus.Ok, ct).ConfigureAwait(false);

        ImapCommand? command = null;
        TaskCompletionSource<string?>? abandonedWaiter = null;
        lock (_gate)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                if (_pending[i].Tag == tag)
                {
                    command = _pending[i];
                    _pending.RemoveAt(i);
                    if (command.AwaitingAnswer)
                    {
                        command.AwaitingAnswer = false;
                        _awaitingAnswers--;
                    }

                    break;
                }
            }

            if (command is not null && ReferenceEquals(_continuationCommand, command))
            {
                abandonedWaiter = _continuationWaiter;
                _continuationWaiter = null;
                _continuationCommand = null;
            }

            UpdateAwaitingLocked();
        }

        if (command is null)
        {
            throw new ImapProtocolException($"The IMAP server answered tag A{tag}, which no command in flight carries.");
        }

        ApplyCode(code, command);
        abandonedWaiter?.TrySetException(new ImapCommandRejectedException());
        command.Complete(new ImapStatusResponse(status.Value, code, text ?? ""));
        return command.Kind == ImapCommandKind.StartTls && status == ImapResponseStatus.Ok;
    }

    private async ValueTask ReadContinuationAsync(ImapTokenizer tok, CancellationToken ct)
    {
        var text = await tok.ReadTextAsync(capture: true, ct).ConfigureAwait(false);
        TaskCompletionSource<string?>? waiter;
        lock (_gate)
        {
            waiter = _continuationWaiter;
            _continuationWaiter = null;
            _continuationCommand = null;
            UpdateAwaitingLocked();
        }

        if (waiter is null)
        {
            throw new ImapProtocolException("The IMAP server sent a continuation request ('+') that no command was waiting for.");
        }

        waiter.TrySetResult(text);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadUntaggedAsync(ImapTokenizer tok, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind != ImapTokenKind.Atom)
        {
            throw ImapResponseReader.Unexpected(tok, kind, "a response name after '*'");
        }

        if (ImapResponseReader.TryParseNumber(tok.Value, out var number))
        {
            await ReadNumberedAsync(tok, number, ct).ConfigureAwait(false);
            return;
        }

        var status = ParseStatus(tok);
        var preAuth = status is null && tok.ValueIs("PREAUTH"u8);
        var bye = status is null && tok.ValueIs("BYE"u8);
        if (status is not null || preAuth || bye)
        {
            var (code, text) = await ImapResponseReader
                .ReadStatusTailAsync(tok, captureText: bye || !_greetingSeen, ct).ConfigureAwait(false);
            ApplyCode(code, null);
            if (bye)
            {
                _byeText = text;
            }

            if (!_greetingSeen)
            {
                lock (_gate)
                {
                    _greetingSeen = true;
                    UpdateAwaitingLocked();
                }

                _greeting.TrySetResult(new ImapGreeting(bye ? "BYE" : preAuth ? "PREAUTH" : "OK", text));
            }

            return;
        }

        if (tok.ValueIs("CAPABILITY"u8))
        {
            SetCapabilities(await ImapResponseReader
                .ReadCapabilityAtomsAsync(tok, ImapTokenKind.EndOfLine, ct).ConfigureAwait(false));
        }
        else if (tok.ValueIs("FLAGS"u8))
        {
            var flags = await ImapResponseReader.ReadFlagListAsync(tok, ct).ConfigureAwait(false);
            await ImapResponseReader.SkipToEndOfLineAsync(tok, ct).ConfigureAwait(false);
            Mailbox.Update(flags, static (m, f) => m with { Flags = f.System, Keywords = f.Keywords });
        }
        else if (tok.ValueIs("LIST"u8) || tok.ValueIs("LSUB"u8))
        {
            await ReadListAsync(tok, ct).ConfigureAwait(false);
        }
        else if (tok.ValueIs("SEARCH"u8))
        {
            await ReadSearchAsync(tok, ct).ConfigureAwait(false);
        }
        else if (tok.ValueIs("ESEARCH"u8))
        {
            await ReadESearchAsync(tok, ct).ConfigureAwait(false);
        }
        else
        {
            // ID, NAMESPACE, ENABLED, STATUS, VANISHED …: nothing here asks for them.
            await ImapResponseReader.SkipToEndOfLineAsync(tok, ct).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadNumberedAsync(ImapTokenizer tok, uint number, CancellationToken ct)
    {
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind != ImapTokenKind.Atom)
        {
            throw ImapResponseReader.Unexpected(tok, kind, "EXISTS, RECENT, EXPUNGE or FETCH");
        }

        if (tok.ValueIs("FETCH"u8))
        {
            await ImapFetchResponseReader.ReadAsync(tok, _resolveFetchTarget, ct).ConfigureAwait(false);
            return;
        }

        if (tok.ValueIs("EXISTS"u8))
        {
            Mailbox.Update(number, static (m, n) => m with { Exists = n });
        }
        else if (tok.ValueIs("RECENT"u8))
        {
            Mailbox.Update(number, static (m, n) => m with { Recent = n });
        }
        else if (tok.ValueIs("EXPUNGE"u8))
        {
            Mailbox.Update(0, static (m, _) => m with { Exists = m.Exists > 0 ? m.Exists - 1 : 0 });
        }

        await ImapResponseReader.SkipToEndOfLineAsync(tok, ct).ConfigureAwait(false);
    }

    private async ValueTask ReadListAsync(ImapTokenizer tok, CancellationToken ct)
    {
        await ImapResponseReader.ExpectAsync(tok, ImapTokenKind.OpenParen, "after LIST", ct).ConfigureAwait(false);
        var attributes = ImapFolderAttributes.None;
        var raw = new List<string>();
        while (true)
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == ImapTokenKind.CloseParen)
            {
                break;
            }

            if (kind != ImapTokenKind.Atom)
            {
                throw ImapResponseReader.Unexpected(tok, kind, "a mailbox attribute");
            }

            var name = tok.ValueAsString();
            raw.Add(name);
            attributes |= FolderAttribute(name);
        }

        char? delimiter = null;
        var delimiterKind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (delimiterKind == ImapTokenKind.QuotedString && tok.Value.Length == 1)
        {
            delimiter = (char)tok.Value[0];
        }
        else if (delimiterKind != ImapTokenKind.Nil)
        {
            throw ImapResponseReader.Unexpected(tok, delimiterKind, "a quoted hierarchy delimiter or NIL");
        }

        var encoded = await ImapResponseReader.ReadStringAsync(tok, astring: true, ct).ConfigureAwait(false)
                      ?? throw new ImapProtocolException("The IMAP server sent a LIST entry without a mailbox name.");
        await ImapResponseReader.SkipToEndOfLineAsync(tok, ct).ConfigureAwait(false); // LIST-EXTENDED data

        var decoded = ModifiedUtf7.TryDecode(encoded, out var name2) ? name2 : encoded;
        var target = FirstPending(ImapCommandKind.List);
        target?.Folders?.Add(new ImapFolder(decoded, encoded, delimiter, attributes, raw));
    }

    private async ValueTask ReadSearchAsync(ImapTokenizer tok, CancellationToken ct)
    {
        var results = FirstPending(ImapCommandKind.Search)?.SearchResults;
        while (true)
        {
            var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
            if (kind == ImapTokenKind.EndOfLine)
            {
                return;
            }

            if (kind == ImapTokenKind.OpenParen)
            {
                // CONDSTORE "(MODSEQ n)" trailer
                while (await tok.ReadTokenAsync(ct).ConfigureAwait(false) is not (ImapTokenKind.CloseParen or ImapTokenKind.EndOfLine))
                {
                }

                continue;
            }

            if (kind != ImapTokenKind.Atom || !ImapResponseReader.TryParseNumber(tok.Value, out var uid))
            {
                throw ImapResponseReader.Unexpected(tok, kind, "a UID in SEARCH");
            }

            results?.Add(uid);
        }
    }

    private async ValueTask ReadESearchAsync(ImapTokenizer tok, CancellationToken ct)
    {
        UidSetBuilder? results = null;
        var kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        if (kind == ImapTokenKind.OpenParen)
        {
            // (TAG "A12") correlates the answer with its command.
            await ImapResponseReader.ExpectAsync(tok, ImapTokenKind.Atom, "in the ESEARCH correlator", ct).ConfigureAwait(false);
            var tagText = await ImapResponseReader.ReadStringAsync(tok, astring: false, ct).ConfigureAwait(false);
            await ImapResponseReader.ExpectAsync(tok, ImapTokenKind.CloseParen, "closing the ESEARCH correlator", ct).ConfigureAwait(false);
            if (tagText is not null && TryParseTag(System.Text.Encoding.ASCII.GetBytes(tagText), out var tag))
            {
                lock (_gate)
                {
                    results = _pending.FirstOrDefault(c => c.Tag == tag)?.SearchResults;
                }
            }

            kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        }

        while (kind != ImapTokenKind.EndOfLine)
        {
            if (kind != ImapTokenKind.Atom)
            {
                throw ImapResponseReader.Unexpected(tok, kind, "an ESEARCH item");
            }

            if (tok.ValueIs("ALL"u8))
            {
                var set = await ImapResponseReader.ReadUidSetAsync(tok, "ESEARCH ALL", ct).ConfigureAwait(false);
                results?.AddSet(set);
            }
            else if (!tok.ValueIs("UID"u8))
            {
                await ImapResponseReader.SkipValueAsync(tok, ct).ConfigureAwait(false); // COUNT n, MIN n, MAX n …
            }

            kind = await tok.ReadTokenAsync(ct).ConfigureAwait(false);
        }
    }

    private ImapCommand? ResolveFetchTarget(uint uid)
    {
        lock (_gate)
        {
            ImapCommand? first = null;
            foreach (var command in _pending)
            {
                if (command.Kind != ImapCommandKind.Fetch)
                {
                    continue;
                }

                first ??= command;
                if (uid != 0 && command.Fetch!.Uids.Contains(uid))
                {
                    return command;
                }
            }

            // A UID no request asked for is an unsolicited update (another session changed flags).
            return uid == 0 ? first : null;
        }
    }

    private ImapCommand? FirstPending(ImapCommandKind kind)
    {
        lock (_gate)
        {
            foreach (var command in _pending)
            {
                if (command.Kind == kind)
                {
                    return command;
                }
            }
        }

        return null;
    }

    private void ApplyCode(ImapResponseCode? code, ImapCommand? command)
    {
        if (code is null)
        {
            return;
        }

        switch (code.Name)
        {
            case "CAPABILITY":
                SetCapabilities(code.Capabilities!);
                break;
            case "UIDVALIDITY":
                Mailbox.Update(code.Number, static (m, n) => m with { UidValidity = n });
                break;
            case "UIDNEXT":
                Mailbox.Update(code.Number, static (m, n) => m with { UidNext = n });
                break;
            case "HIGHESTMODSEQ":
                Mailbox.Update(code.BigNumber, static (m, n) => m with { HighestModSeq = n });
                break;
            case "PERMANENTFLAGS":
                var flags = code.Flags!.Value;
                Mailbox.Update(flags, static (m, f) => m with
                {
                    PermanentFlags = f.System, PermanentKeywords = f.Keywords, CanCreateKeywords = f.Wildcard,
                });
                break;
            case "READ-ONLY" when command?.Kind == ImapCommandKind.Select:
                Mailbox.Update(true, static (m, r) => m with { ReadOnly = r });
                break;
            case "READ-WRITE" when command?.Kind == ImapCommandKind.Select:
                Mailbox.Update(false, static (m, r) => m with { ReadOnly = r });
                break;
        }
    }

    private void SetCapabilities(ImapCapabilities capabilities)
    {
        _capabilities = capabilities;
        _capabilitiesReceived = true;
    }

    private void Fail(ImapException reason)
    {
        List<ImapCommand> pending;
        TaskCompletionSource<string?>? waiter;
        lock (_gate)
        {
            if (_closedReason is not null)
            {
                return;
            }

            _closedReason = reason;
            pending = [.. _pending];
            _pending.Clear();
            _awaitingAnswers = 0;
            waiter = _continuationWaiter;
            _continuationWaiter = null;
            _continuationCommand = null;
        }

        _greeting.TrySetException(reason);
        waiter?.TrySetException(reason);
        foreach (var command in pending)
        {
            command.Fail(reason);
        }

        try
        {
            _life.Cancel();
            _pipeReader?.CancelPendingRead();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _transport?.Dispose();
        }
        catch (Exception)
        {
            // closing a broken transport may throw; it is closed either way
        }
    }

    /// <summary>Tells the timeout stream whether the server owes an answer now (call under <see cref="_gate"/>).</summary>
    private void UpdateAwaitingLocked() =>
        _timeouts?.SetAwaiting(!_greetingSeen || _continuationWaiter is not null || _awaitingAnswers > 0);

    /// <summary>The error for a read (or write) that saw no progress for <see cref="ImapClientOptions.ReadTimeout"/>.</summary>
    private ImapConnectionLostException InactivityTimeout(bool writing)
    {
        var timeout = _options.ReadTimeout;
        var server = $"The {_options.Role} {Endpoint}";
        var seconds = $"{timeout.TotalSeconds:0.###} s (inactivity timeout)";
        string message;
        if (writing)
        {
            var name = _writer.Command?.Name ?? "a command";
            message = $"{server} accepted no data for {seconds} while {name} was being sent; the connection was closed.";
        }
        else
        {
            string waitingFor;
            lock (_gate)
            {
                waitingFor = !_greetingSeen ? "its greeting"
                    : _continuationCommand is { } c ? $"a continuation request for {c.Name}"
                    : _pending.FirstOrDefault(p => p.AwaitingAnswer) is { } p ? $"the answer to {p.Name}"
                    : "an answer";
            }

            message = $"{server} sent nothing for {seconds} while waiting for {waitingFor}; the connection was closed.";
        }

        return new ImapConnectionLostException(message) { InactivityTimeout = timeout };
    }

    private void ThrowIfClosed()
    {
        if (_closedReason is not null)
        {
            throw Rethrowable();
        }
    }

    /// <summary>A fresh exception for callers arriving after the close (one instance must not be thrown everywhere).</summary>
    private ImapException Rethrowable()
    {
        var reason = _closedReason!;
        return reason switch
        {
            ImapConnectionLostException lost => new ImapConnectionLostException(lost.Message, lost)
            {
                ServerText = lost.ServerText, InactivityTimeout = lost.InactivityTimeout,
            },
            _ => new ImapConnectionLostException($"The connection to {Endpoint} is closed: {reason.Message}", reason),
        };
    }

    private string LostMessage(string? what)
    {
        var prefix = what ?? (_loggingOut
            ? $"The IMAP server {Endpoint} closed the connection after LOGOUT."
            : $"The connection to the IMAP server {Endpoint} was lost.");
        return _byeText is { } bye && !_loggingOut ? $"{prefix} The server said: BYE {bye}" : prefix;
    }

    public static void ThrowIfFailed(ImapStatusResponse response, string command)
    {
        if (response.Status != ImapResponseStatus.Ok)
        {
            throw new ImapCommandException(command, response.Status, response.Code?.Name, response.Text ?? "");
        }
    }

    private static ImapResponseStatus? ParseStatus(ImapTokenizer tok) =>
        tok.ValueIs("OK"u8) ? ImapResponseStatus.Ok
        : tok.ValueIs("NO"u8) ? ImapResponseStatus.No
        : tok.ValueIs("BAD"u8) ? ImapResponseStatus.Bad
        : null;

    private static bool TryParseTag(ReadOnlySpan<byte> value, out uint tag)
    {
        tag = 0;
        return value.Length > 1 && value[0] == (byte)'A' && ImapResponseReader.TryParseNumber(value[1..], out tag);
    }

    private static ImapFolderAttributes FolderAttribute(string name) => name.ToUpperInvariant() switch
    {
        "\\NOINFERIORS" => ImapFolderAttributes.NoInferiors,
        "\\NOSELECT" => ImapFolderAttributes.NoSelect,
        "\\MARKED" => ImapFolderAttributes.Marked,
        "\\UNMARKED" => ImapFolderAttributes.Unmarked,
        "\\HASCHILDREN" => ImapFolderAttributes.HasChildren,
        "\\HASNOCHILDREN" => ImapFolderAttributes.HasNoChildren,
        "\\NONEXISTENT" => ImapFolderAttributes.NonExistent | ImapFolderAttributes.NoSelect,
        "\\SUBSCRIBED" => ImapFolderAttributes.Subscribed,
        "\\REMOTE" => ImapFolderAttributes.Remote,
        "\\ALL" => ImapFolderAttributes.All,
        "\\ARCHIVE" => ImapFolderAttributes.Archive,
        "\\DRAFTS" => ImapFolderAttributes.Drafts,
        "\\FLAGGED" => ImapFolderAttributes.Flagged,
        "\\JUNK" => ImapFolderAttributes.Junk,
        "\\SENT" => ImapFolderAttributes.Sent,
        "\\TRASH" => ImapFolderAttributes.Trash,
        "\\IMPORTANT" => ImapFolderAttributes.Important,
        _ => ImapFolderAttributes.None,
    };

    private sealed record ImapGreeting(string Status, string? Text);
}
