using Reconciler.Secrets;
using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>
/// One attempt at one mailbox: log in on both sides, map and plan every folder against its checkpoint, copy batch
/// by batch (source FETCH streamed into a destination MULTIAPPEND, checkpoint after each confirmed batch), then
/// verify. A failed attempt is simply thrown away; the next one plans again from the checkpoints.
/// </summary>
internal sealed class MailboxMigration : IAsyncDisposable
{
    private const ImapMessageFlags CarriedFlags =
        ImapMessageFlags.Seen | ImapMessageFlags.Answered | ImapMessageFlags.Flagged | ImapMessageFlags.Draft;

    private readonly MigrationJob _job;
    private readonly MailboxPair _pair;
    private readonly CheckpointStore _store;
    private readonly MailboxProgress _progress;
    private readonly IMigrationObserver _observer;
    private readonly bool _dryRun;
    private readonly bool _verify;
    private ImapClient? _source;
    private ImapClient? _destination;
    private char? _destinationDelimiter = '/';
    private string _step = "starting";

    public MailboxMigration(
        MigrationJob job, MailboxPair pair, CheckpointStore store, MailboxProgress progress, IMigrationObserver observer,
        bool dryRun, bool verify)
    {
        _job = job;
        _pair = pair;
        _store = store;
        _progress = progress;
        _observer = observer;
        _dryRun = dryRun;
        _verify = verify;
    }

    public IReadOnlyList<FolderPlan> Plans { get; private set; } = [];

    public IReadOnlyList<FolderMapping> SkippedFolders { get; private set; } = [];

    public IReadOnlyList<FolderVerification> Verification { get; private set; } = [];

    public IReadOnlyList<RejectedMessage> Rejected => [.. Plans.SelectMany(p => p.Rejected)];

    private ImapClient Source => _source!;

    private ImapClient Destination => _destination!;

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            _source = await ConnectAsync(_job.Source, _pair.Source, "source", ct).ConfigureAwait(false);
            _destination = await ConnectAsync(_job.Destination, _pair.Destination, "destination", ct).ConfigureAwait(false);

            _step = "listing folders";
            var sourceFolders = await Source.ListAsync(cancellationToken: ct).ConfigureAwait(false);
            var destinationFolders = await Destination.ListAsync(cancellationToken: ct).ConfigureAwait(false);
            _destinationDelimiter = destinationFolders.Select(f => f.Delimiter).FirstOrDefault(d => d is not null) ?? '/';
            var existing = destinationFolders.Where(f => f.IsSelectable)
                .Select(f => FolderMapper.ToPath(f.Name, f.Delimiter)).ToHashSet(StringComparer.Ordinal);

            var phase = System.Diagnostics.Stopwatch.StartNew();
            var mappings = FolderMapper.Map(sourceFolders, _job.Folders);
            SkippedFolders = [.. mappings.Where(m => m.DestinationPath is null)];
            var seen = _job.Folders.Gmail ? new HashSet<MessageKey>() : null;
            // Several source folders into one destination folder: each message lands there once (as often as the
            // fullest of them holds it), also on the first run.
            var merged = mappings.Where(m => m.DestinationPath is not null).GroupBy(m => m.DestinationPath!, StringComparer.Ordinal)
                .Where(g => g.Count() > 1).ToDictionary(g => g.Key, _ => new MessageKeyCounts(), StringComparer.Ordinal);
            var plans = new List<FolderPlan>();
            foreach (var mapping in mappings.Where(m => m.DestinationPath is not null))
            {
                _step = $"planning folder '{mapping.SourcePath}'";
                var plan = await PlanFolderAsync(
                    mapping, existing.Contains(mapping.DestinationPath!), seen, merged.GetValueOrDefault(mapping.DestinationPath!), ct)
                    .ConfigureAwait(false);
                plans.Add(plan);
                _observer.FolderPlanned(_progress, plan);
            }

            Plans = plans;
            _progress.AddPlanTime(phase.Elapsed);
            _progress.SetPlanned(plans.Sum(p => p.ToCopy), plans.Sum(p => p.BytesToCopy));
            if (_dryRun)
            {
                await LogoutAsync(ct).ConfigureAwait(false);
                return;
            }

            phase.Restart();
            foreach (var plan in plans)
            {
                _step = $"copying folder '{plan.SourceFolder}' to '{plan.DestinationFolder}'";
                _progress.SetFolder(plan.SourceFolder);
                await CopyFolderAsync(plan, existing, ct).ConfigureAwait(false);
                _observer.FolderCopied(_progress, plan);
            }

            _progress.AddCopyTime(phase.Elapsed);
            _progress.SetFolder(null);
            if (_verify)
            {
                _step = "verifying";
                phase.Restart();
                Verification = await VerifyAsync(plans, ct).ConfigureAwait(false);
                _progress.AddVerifyTime(phase.Elapsed);
            }

            await LogoutAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new MailboxStepException(_step, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        if (_destination is not null)
        {
            await _destination.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task LogoutAsync(CancellationToken ct)
    {
        _step = "logging out";
        await Source.LogoutAsync(ct).ConfigureAwait(false);
        await Destination.LogoutAsync(ct).ConfigureAwait(false);
    }

    private async Task<ImapClient> ConnectAsync(MigrationServer server, MailboxLogin login, string side, CancellationToken ct)
    {
        string user;
        SecretReference secret;
        if (login.Password is { } own)
        {
            user = login.User;
            secret = own;
        }
        else
        {
            var master = server.Master ?? throw new InvalidOperationException($"No password for {login.User} and no master user on the {side} server.");
            user = login.User + master.Separator + master.User;
            secret = master.Password;
        }

        _step = $"connecting to the {side} server {server}";
        var client = new ImapClient(server.ClientOptions() with { Role = $"{side} server" });
        try
        {
            await client.ConnectAsync(ct).ConfigureAwait(false);
            if (!client.IsAuthenticated)
            {
                _step = $"logging in to the {side} server {server} as {user}";
                var password = secret.Resolve();
                if (client.Capabilities.LoginDisabled && client.Capabilities.AuthenticationMechanisms.Contains("PLAIN"))
                {
                    await client.AuthenticatePlainAsync(user, password, ct).ConfigureAwait(false);
                }
                else
                {
                    await client.LoginAsync(user, password, ct).ConfigureAwait(false);
                }
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<FolderPlan> PlanFolderAsync(
        FolderMapping mapping, bool destinationExists, HashSet<MessageKey>? seen, MessageKeyCounts? merged, CancellationToken ct)
    {
        var destinationPath = mapping.DestinationPath!;
        var destinationName = FolderMapper.ToServerName(destinationPath, _destinationDelimiter);
        var box = await Source.ExamineAsync(mapping.Source.Name, ct).ConfigureAwait(false);

        // Where to resume, and what in the destination must be compared before copying.
        var checkpoint = await _store.GetAsync(_pair.Name, mapping.SourcePath, destinationPath, ct).ConfigureAwait(false);
        var destinationBox = destinationExists
            ? await Destination.ExamineAsync(destinationName, ct).ConfigureAwait(false)
            : null;
        var destinationHasMail = destinationBox is { Exists: > 0 };
        uint start = 1;
        uint compareFrom = 0; // 0: no comparison; 1: the whole folder; n: UIDs from n on
        string? note = null;
        var restart = true;
        if (checkpoint is null)
        {
            compareFrom = destinationHasMail ? 1u : 0u;
            note = destinationHasMail ? "the destination folder already holds messages: those are not copied again" : null;
        }
        else if (checkpoint.UidValidity != box.UidValidity || box.UidValidity == 0)
        {
            compareFrom = destinationHasMail ? 1u : 0u;
            note = "the source folder's UIDVALIDITY changed since the last run: copying again, skipping what the destination holds";
        }
        else if (destinationBox is null)
        {
            note = "the destination folder no longer exists: copying again";
        }
        else if (checkpoint.DestinationUidValidity != 0 && checkpoint.DestinationUidValidity != destinationBox.UidValidity)
        {
            compareFrom = destinationHasMail ? 1u : 0u;
            note = "the destination folder's UIDVALIDITY changed since the last run: copying again, skipping what it holds";
        }
        else
        {
            restart = false;
            start = checkpoint.LastUid == uint.MaxValue ? uint.MaxValue : checkpoint.LastUid + 1;
            compareFrom = checkpoint.FullDeduplication || checkpoint.DestinationUidNext == 0 ? 1u : checkpoint.DestinationUidNext;
            if (!destinationHasMail || (compareFrom > 1 && destinationBox.UidNext is { } next && next <= compareFrom))
            {
                compareFrom = 0; // nothing arrived in the destination since the last confirmed batch
            }
        }

        // Message-IDs cost the server a look into every message, so they are asked for only where a decision needs
        // them now; the copy picks up the rest with the bodies, and verification whatever is still unknown.
        var ids = new Dictionary<uint, string?>();
        var hashes = new Dictionary<uint, string>();
        var keysNow = seen is not null || merged is not null;
        var all = box.Exists == 0
            ? []
            : await Source.UidFetchAsync(All(box), ImapFetchItems.Metadata | (keysNow ? ImapFetchItems.MessageId : 0), ct)
                .ConfigureAwait(false);
        if (keysNow)
        {
            foreach (var s in all)
            {
                ids[s.Uid] = s.MessageId;
            }
        }

        uint maxUid = 0;
        int deleted = 0, outside = 0;
        var filtered = new List<ImapMessageSummary>(all.Count);
        foreach (var s in all.OrderBy(s => s.Uid))
        {
            maxUid = Math.Max(maxUid, s.Uid);
            if (!_job.IncludeDeleted && ((s.Flags ?? ImapMessageFlags.None) & ImapMessageFlags.Deleted) != 0)
            {
                deleted++;
            }
            else if (!InDateRange(s.InternalDate))
            {
                outside++;
            }
            else
            {
                filtered.Add(s);
            }
        }

        // Gmail: a message belongs to the first folder (in copy order) that holds it.
        var expected = filtered;
        if (seen is not null)
        {
            await EnsureHashesAsync(Source, filtered.Select(s => s.Uid), ids, hashes, ct).ConfigureAwait(false);
            expected = [.. filtered.Where(s => !seen.Contains(Key(s.Uid, s.Size, ids, hashes)!.Value))];
            foreach (var s in filtered)
            {
                seen.Add(Key(s.Uid, s.Size, ids, hashes)!.Value);
            }
        }
        else if (merged is not null)
        {
            await EnsureHashesAsync(Source, filtered.Select(s => s.Uid), ids, hashes, ct).ConfigureAwait(false);
            var mine = new MessageKeyCounts();
            expected = [];
            foreach (var s in filtered)
            {
                var key = Key(s.Uid, s.Size, ids, hashes)!.Value;
                mine.Add(key);
                if (mine[key] > merged[key])
                {
                    expected.Add(s);
                }
            }

            merged.MaxWith(mine);
        }

        // Messages the destination refused in earlier runs lie below the checkpoint; they are tried again.
        var refusedBefore = restart
            ? new HashSet<uint>()
            : await _store.ListRejectedAsync(_pair.Name, mapping.SourcePath, destinationPath, box.UidValidity, ct).ConfigureAwait(false);
        var candidates = expected.Where(s => s.Uid >= start || refusedBefore.Contains(s.Uid)).ToList();
        var alreadyCopied = expected.Count - candidates.Count;
        var alreadyThere = 0;
        if (compareFrom != 0 && candidates.Count > 0)
        {
            var before = candidates.Count;
            candidates = await RemoveFoundInDestinationAsync(candidates, destinationBox!, compareFrom, ids, hashes, ct).ConfigureAwait(false);
            alreadyThere = before - candidates.Count;
        }

        var messages = candidates.Select(s => new PlannedMessage(
            s.Uid, s.Size ?? 0, s.Flags ?? ImapMessageFlags.None, s.Keywords, s.InternalDate)).ToArray();
        return new FolderPlan
        {
            SourceFolder = mapping.SourcePath,
            DestinationFolder = destinationPath,
            SourceName = mapping.Source.Name,
            DestinationName = destinationName,
            UidValidity = box.UidValidity,
            MaxUid = Math.Max(maxUid, restart ? 0 : checkpoint!.LastUid),
            SourceMessages = all.Count,
            Expected = expected.Count,
            SkippedDeleted = deleted,
            SkippedOutsideDates = outside,
            SkippedDuplicates = filtered.Count - expected.Count,
            AlreadyCopied = alreadyCopied,
            AlreadyInDestination = alreadyThere,
            Messages = messages,
            BytesToCopy = messages.Sum(m => m.Size),
            DestinationExists = destinationExists,
            Note = note,
            Checkpoint = restart ? null : checkpoint,
            FullDeduplication = compareFrom == 1,
            ExpectedMessages = _verify ? [.. expected.Select(s => (s.Uid, s.Size ?? 0))] : [],
            MessageIds = ids,
            Hashes = hashes,
            PreviouslyRejected = refusedBefore,
        };
    }

    /// <summary>
    /// Drops candidates the destination already holds, counting duplicates: two equal messages in the source and
    /// one in the destination leave one to copy. With <paramref name="compareFrom"/> above 1 only destination
    /// messages from that UID on are looked at: those a crashed run stored without recording them.
    /// </summary>
    private async Task<List<ImapMessageSummary>> RemoveFoundInDestinationAsync(
        List<ImapMessageSummary> candidates, ImapMailbox destinationBox, uint compareFrom,
        Dictionary<uint, string?> sourceIds, Dictionary<uint, string> sourceHashes, CancellationToken ct)
    {
        var found = (await Destination.UidFetchAsync(UidSet.Range(compareFrom, LastUid(destinationBox)),
                ImapFetchItems.Size | ImapFetchItems.MessageId, ct).ConfigureAwait(false))
            .Where(d => d.Uid >= compareFrom).ToList();
        if (found.Count == 0)
        {
            return candidates;
        }

        await LearnMessageIdsAsync(Source, candidates.Select(c => c.Uid), sourceIds, ct).ConfigureAwait(false);
        var destinationIds = found.ToDictionary(d => d.Uid, d => d.MessageId);
        var destinationHashes = new Dictionary<uint, string>();
        if (found.Any(d => d.MessageId is null) && candidates.Any(c => sourceIds.TryGetValue(c.Uid, out var id) && id is null))
        {
            await EnsureHashesAsync(Destination, found.Select(d => d.Uid), destinationIds, destinationHashes, ct).ConfigureAwait(false);
            await EnsureHashesAsync(Source, candidates.Select(c => c.Uid), sourceIds, sourceHashes, ct).ConfigureAwait(false);
        }

        var counts = new MessageKeyCounts();
        foreach (var d in found)
        {
            if (Key(d.Uid, d.Size, destinationIds, destinationHashes) is { } key)
            {
                counts.Add(key);
            }
        }

        return [.. candidates.Where(c => Key(c.Uid, c.Size, sourceIds, sourceHashes) is not { } key || !counts.TryTake(key))];
    }

    private async Task CopyFolderAsync(FolderPlan plan, HashSet<string> existing, CancellationToken ct)
    {
        var box = await Source.ExamineAsync(plan.SourceName, ct).ConfigureAwait(false);
        if (box.UidValidity != plan.UidValidity)
        {
            throw new SourceFolderChangedException(
                $"the source folder's UIDVALIDITY changed from {plan.UidValidity} to {box.UidValidity} while copying");
        }

        if (!existing.Contains(plan.DestinationFolder))
        {
            try
            {
                await Destination.CreateFolderAsync(plan.DestinationName, ct).ConfigureAwait(false);
            }
            catch (ImapCommandException e) when (e.ResponseCode == "ALREADYEXISTS")
            {
                // created meanwhile (by a parallel run or a person): fine
            }

            existing.Add(plan.DestinationFolder);
        }

        var destinationBox = await Destination.ExamineAsync(plan.DestinationName, ct).ConfigureAwait(false);
        var checkpoint = plan.Checkpoint;
        if (checkpoint is null)
        {
            // Written before the first APPEND: from here on a crash leaves a window the next run knows to check.
            checkpoint = new FolderCheckpoint(_pair.Name, plan.SourceFolder, plan.DestinationFolder, plan.UidValidity, 0,
                destinationBox.UidValidity, destinationBox.UidNext ?? 0, plan.FullDeduplication, 0, 0, Completed: false);
            await _store.SaveAsync(checkpoint, ct).ConfigureAwait(false);
        }
        else if (checkpoint.Completed && plan.ToCopy > 0)
        {
            checkpoint = checkpoint with { Completed = false };
        }

        var state = new CheckpointCursor(checkpoint);
        SentBatch? unsettled = null;
        SentBatch? inFlight = null;
        try
        {
            foreach (var chunk in Chunks(plan.Messages))
            {
                ct.ThrowIfCancellationRequested();
                var sent = await CopyBatchAsync(plan, chunk, ct).ConfigureAwait(false);
                if (unsettled is not null)
                {
                    // One batch stays in flight: the destination stores it while the source streams the next one.
                    var previous = unsettled;
                    unsettled = null;
                    inFlight = sent;
                    await SettleAsync(plan, previous, state, isolate: true, ct).ConfigureAwait(false);
                    inFlight = null;
                }

                unsettled = sent;
            }

            if (unsettled is not null)
            {
                var last = unsettled;
                unsettled = null;
                await SettleAsync(plan, last, state, isolate: true, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            // Record what the destination confirmed before the failure (in order only); anything later is covered
            // by the comparison on resume.
            if (unsettled is not null)
            {
                try
                {
                    await SettleAsync(plan, unsettled, state, isolate: false, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // the first error is the one to report
                }
            }

            if (inFlight is not null)
            {
                _ = inFlight.Confirmation.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }

            throw;
        }

        var done = state.Current with
        {
            LastUid = Math.Max(plan.MaxUid, state.Current.LastUid),
            FullDeduplication = false,
            Completed = true,
        };
        if (state.DestinationUnchanged && destinationBox.UidNext is { } next && done.DestinationUidValidity == destinationBox.UidValidity &&
            done.DestinationUidNext != 0)
        {
            done = done with { DestinationUidNext = Math.Max(done.DestinationUidNext, next) };
        }

        if (done != checkpoint)
        {
            await _store.SaveAsync(done, ct).ConfigureAwait(false);
        }
    }

    private async Task<SentBatch> CopyBatchAsync(FolderPlan plan, ArraySegment<PlannedMessage> chunk, CancellationToken ct)
    {
        var uids = UidSet.Of(chunk.Select(m => m.Uid));
        var count = 0;
        long bytes = 0;
        var batch = Destination.CreateAppendBatch(plan.DestinationName);
        await using (batch.ConfigureAwait(false))
        {
            // Runs on the source connection's reader: it may write to the destination, never wait on the source.
            // The Message-ID comes along (the server reads the message anyway) for verification later.
            var fetched = await Source.UidFetchBodiesAsync(uids, FetchItems, async (body, token) =>
            {
                await batch.AddAsync(ToAppend(body, chunk), token).ConfigureAwait(false);
                count++;
                bytes += body.Length;
                _progress.Sent(body.Length);
            }, ct).ConfigureAwait(false);
            Remember(plan, fetched);
            var confirmation = await batch.CompleteAsync(ct).ConfigureAwait(false);
            return new SentBatch(chunk, confirmation, count, bytes, batch.IsSingleCommand);
        }
    }

    private ImapFetchItems FetchItems => ImapFetchItems.Metadata | (_verify ? ImapFetchItems.MessageId : ImapFetchItems.None);

    private void Remember(FolderPlan plan, IReadOnlyList<ImapMessageSummary> fetched)
    {
        if (_verify)
        {
            foreach (var f in fetched)
            {
                plan.MessageIds[f.Uid] = f.MessageId;
            }
        }
    }

    /// <summary>
    /// Waits for the destination's answer to a batch and records it. A batch the destination refused as a whole
    /// (MULTIAPPEND stores all or nothing) is sent again one message at a time, so one bad message cannot hold
    /// up the mailbox; the ones refused on their own are recorded and tried again next run.
    /// </summary>
    private async Task SettleAsync(FolderPlan plan, SentBatch batch, CheckpointCursor state, bool isolate, CancellationToken ct)
    {
        ImapAppendResult result;
        try
        {
            result = await batch.Confirmation.ConfigureAwait(false);
        }
        catch (ImapCommandException e) when (isolate && batch.AllOrNothing && IsMessageRefusal(e))
        {
            _progress.Discard(batch.Count, batch.Bytes);
            await CopyOneByOneAsync(plan, batch.Chunk, state, ct).ConfigureAwait(false);
            return;
        }

        await RecordAsync(state, batch.Chunk[^1].Uid, result, batch.Count, batch.Bytes, advanceWindow: true).ConfigureAwait(false);
        foreach (var m in batch.Chunk)
        {
            await ForgetRefusalAsync(plan, m.Uid).ConfigureAwait(false);
        }
    }

    private async Task CopyOneByOneAsync(FolderPlan plan, ArraySegment<PlannedMessage> chunk, CheckpointCursor state, CancellationToken ct)
    {
        foreach (var message in chunk)
        {
            Task<ImapAppendResult>? confirmation = null;
            long length = 0;
            var fetched = await Source.UidFetchBodiesAsync(UidSet.Single(message.Uid), FetchItems, async (body, token) =>
            {
                length = body.Length;
                confirmation = await Destination.StartAppendAsync(plan.DestinationName, ToAppend(body, chunk), token).ConfigureAwait(false);
                _progress.Sent(body.Length);
            }, ct).ConfigureAwait(false);
            Remember(plan, fetched);
            if (confirmation is null)
            {
                continue; // expunged from the source meanwhile
            }

            try
            {
                var result = await confirmation.ConfigureAwait(false);
                await RecordAsync(state, message.Uid, result, 1, length, advanceWindow: false).ConfigureAwait(false);
                await ForgetRefusalAsync(plan, message.Uid).ConfigureAwait(false);
            }
            catch (ImapCommandException e) when (IsMessageRefusal(e))
            {
                _progress.Discard(1, length);
                var refused = new RejectedMessage(plan.SourceFolder, plan.DestinationFolder, plan.UidValidity, message.Uid,
                    fetched.FirstOrDefault()?.MessageId, length, e.Message);
                plan.Rejected.Add(refused);
                await _store.SaveRejectedAsync(_pair.Name, refused).ConfigureAwait(false);
                await RecordAsync(state, message.Uid, new ImapAppendResult(0, UidSet.Empty), 0, 0, advanceWindow: false).ConfigureAwait(false);
            }
        }
    }

    private async Task ForgetRefusalAsync(FolderPlan plan, uint uid)
    {
        if (plan.PreviouslyRejected.Contains(uid))
        {
            await _store.ClearRejectedAsync(_pair.Name, plan.SourceFolder, plan.DestinationFolder, plan.UidValidity, uid).ConfigureAwait(false);
        }
    }

    /// <summary>A refusal of this message (or batch) rather than of the account: quota and transient trouble are not.</summary>
    private static bool IsMessageRefusal(ImapCommandException e) => !e.IsRetryable && e.ResponseCode is not ("OVERQUOTA" or "NOPERM");

    /// <param name="advanceWindow">False for messages sent one by one after a refused batch: a later batch may
    /// already be stored under lower UIDs without being recorded, so the comparison window must not move past it.</param>
    private async Task RecordAsync(
        CheckpointCursor state, uint lastUid, ImapAppendResult result, int count, long bytes, bool advanceWindow)
    {
        var current = state.Current;
        var validity = current.DestinationUidValidity;
        var next = current.DestinationUidNext;
        var full = current.FullDeduplication;
        if (count > 0)
        {
            state.DestinationUnchanged = false;
            if (result.UidValidity != 0 && !result.Uids.IsEmpty)
            {
                if (validity != 0 && validity != result.UidValidity)
                {
                    full = true; // the destination folder was recreated under us: compare with all of it next time
                }

                var after = result.Uids.Max == uint.MaxValue ? 0 : result.Uids.Max + 1;
                if (validity != result.UidValidity)
                {
                    next = advanceWindow ? after : 0;
                }
                else if (advanceWindow && next != 0)
                {
                    next = Math.Max(next, after);
                }

                validity = result.UidValidity;
            }
            else
            {
                next = 0; // no UIDPLUS: a resume must compare with the whole folder
            }
        }

        state.Current = current with
        {
            LastUid = Math.Max(current.LastUid, lastUid),
            DestinationUidValidity = validity,
            DestinationUidNext = next,
            FullDeduplication = full,
            CopiedMessages = current.CopiedMessages + count,
            CopiedBytes = current.CopiedBytes + bytes,
        };
        await _store.SaveAsync(state.Current, CancellationToken.None).ConfigureAwait(false);
        _progress.Confirmed(count, bytes);
    }

    private ImapAppendMessage ToAppend(ImapFetchedBody body, ArraySegment<PlannedMessage> chunk)
    {
        var summary = body.Summary;
        PlannedMessage? planned = null;
        var index = BinarySearch(chunk, body.Uid);
        if (index >= 0)
        {
            planned = chunk[index];
        }

        var carried = CarriedFlags | (_job.IncludeDeleted ? ImapMessageFlags.Deleted : ImapMessageFlags.None);
        var flags = (summary.Flags ?? planned?.Flags ?? ImapMessageFlags.None) & carried;
        var keywords = summary.Flags is not null ? summary.Keywords : planned?.Keywords ?? [];
        return ImapAppendMessage.FromStream(body.Content, body.Length) with
        {
            Flags = flags,
            Keywords = StorableKeywords(keywords),
            InternalDate = summary.InternalDate ?? planned?.InternalDate,
        };
    }

    private async Task<IReadOnlyList<FolderVerification>> VerifyAsync(IReadOnlyList<FolderPlan> plans, CancellationToken ct)
    {
        var results = new List<FolderVerification>();
        foreach (var group in plans.GroupBy(p => p.DestinationFolder, StringComparer.Ordinal))
        {
            var expected = new MessageKeyCounts();
            foreach (var plan in group)
            {
                // The plans' contributions are disjoint (Gmail and merged folders are de-duplicated when planned).
                foreach (var (key, count) in (await ExpectedKeysAsync(plan, ct).ConfigureAwait(false)).Entries)
                {
                    expected.Add(key, count);
                }
            }

            var name = group.First().DestinationName;
            var found = new MessageKeyCounts();
            if (expected.Total > 0 || group.Any(p => p.DestinationExists || p.ToCopy > 0))
            {
                var box = await Destination.ExamineAsync(name, ct).ConfigureAwait(false);
                var summaries = box.Exists == 0
                    ? []
                    : await Destination.UidFetchAsync(All(box), ImapFetchItems.Size | ImapFetchItems.MessageId, ct).ConfigureAwait(false);
                var ids = summaries.ToDictionary(s => s.Uid, s => s.MessageId);
                var hashes = new Dictionary<uint, string>();
                await EnsureHashesAsync(Destination, ids.Keys, ids, hashes, ct).ConfigureAwait(false);
                foreach (var s in summaries)
                {
                    found.Add(Key(s.Uid, s.Size, ids, hashes)!.Value);
                }
            }

            var differences = new List<KeyDifference>();
            foreach (var key in expected.Entries.Select(e => e.Key).Union(found.Entries.Select(e => e.Key)))
            {
                if (expected[key] != found[key])
                {
                    differences.Add(new KeyDifference(key, expected[key], found[key]));
                }
            }

            differences.Sort((a, b) => string.CompareOrdinal(a.Key.Id, b.Key.Id));
            results.Add(new FolderVerification(group.Key, [.. group.Select(p => p.SourceFolder)], expected.Total, found.Total, differences));
        }

        return results;
    }

    /// <summary>The keys of what a source folder should have put into the destination.</summary>
    private async Task<MessageKeyCounts> ExpectedKeysAsync(FolderPlan plan, CancellationToken ct)
    {
        var counts = new MessageKeyCounts();
        if (plan.ExpectedMessages.Count == 0)
        {
            return counts;
        }

        var box = await Source.ExamineAsync(plan.SourceName, ct).ConfigureAwait(false);
        if (box.UidValidity != plan.UidValidity)
        {
            throw new SourceFolderChangedException(
                $"the source folder's UIDVALIDITY changed from {plan.UidValidity} to {box.UidValidity} while verifying");
        }

        var uids = plan.ExpectedMessages.Select(m => m.Uid).ToList();
        await LearnMessageIdsAsync(Source, uids, plan.MessageIds, ct).ConfigureAwait(false);
        await EnsureHashesAsync(Source, uids, plan.MessageIds, plan.Hashes, ct).ConfigureAwait(false);
        var refused = plan.Rejected.Select(r => r.Uid).ToHashSet();
        foreach (var (uid, size) in plan.ExpectedMessages)
        {
            if (refused.Contains(uid))
            {
                continue; // reported as refused, not as missing
            }

            if (Key(uid, size, plan.MessageIds, plan.Hashes) is { } key)
            {
                counts.Add(key);
            }
        }

        return counts;
    }

    /// <summary>Fetches the Message-ID of those <paramref name="uids"/> not yet in <paramref name="ids"/>.</summary>
    private static async Task LearnMessageIdsAsync(ImapClient client, IEnumerable<uint> uids, Dictionary<uint, string?> ids, CancellationToken ct)
    {
        var unknown = UidSet.Of(uids.Where(u => !ids.ContainsKey(u)));
        if (unknown.IsEmpty)
        {
            return;
        }

        foreach (var s in await client.UidFetchAsync(unknown, ImapFetchItems.MessageId, ct).ConfigureAwait(false))
        {
            ids[s.Uid] = s.MessageId;
        }
    }

    /// <summary>Hashes those of <paramref name="uids"/> known to have no Message-ID and not hashed yet.</summary>
    private static async Task EnsureHashesAsync(
        ImapClient client, IEnumerable<uint> uids, Dictionary<uint, string?> ids, Dictionary<uint, string> hashes, CancellationToken ct)
    {
        var missing = uids.Where(u => ids.TryGetValue(u, out var id) && id is null && !hashes.ContainsKey(u)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var (uid, hash) in await MessageHasher.HashAsync(client, missing, ct).ConfigureAwait(false))
        {
            hashes[uid] = hash;
        }
    }

    private static MessageKey? Key(uint uid, long? size, Dictionary<uint, string?> ids, Dictionary<uint, string> hashes)
    {
        var id = ids.GetValueOrDefault(uid) ?? hashes.GetValueOrDefault(uid);
        return id is null ? null : new MessageKey(id, size ?? 0);
    }

    private bool InDateRange(DateTimeOffset? internalDate)
    {
        if (internalDate is not { } date)
        {
            return true;
        }

        var day = DateOnly.FromDateTime(date.UtcDateTime);
        return (_job.Since is not { } since || day >= since) && (_job.Before is not { } before || day < before);
    }

    private IEnumerable<ArraySegment<PlannedMessage>> Chunks(IReadOnlyList<PlannedMessage> messages)
    {
        var array = messages as PlannedMessage[] ?? [.. messages];
        var start = 0;
        while (start < array.Length)
        {
            var end = start;
            long bytes = 0;
            while (end < array.Length && end - start < _job.BatchSize && (end == start || bytes + array[end].Size <= _job.BatchBytes))
            {
                bytes += array[end].Size;
                end++;
            }

            yield return new ArraySegment<PlannedMessage>(array, start, end - start);
            start = end;
        }
    }

    private static int BinarySearch(ArraySegment<PlannedMessage> chunk, uint uid)
    {
        int lo = 0, hi = chunk.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var u = chunk[mid].Uid;
            if (u == uid)
            {
                return mid;
            }

            if (u < uid)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>Keywords an APPEND can carry; anything else (e.g. a server's odd flag) would fail the whole batch.</summary>
    private static IReadOnlyList<string> StorableKeywords(IReadOnlyList<string> keywords)
    {
        foreach (var k in keywords)
        {
            if (!ImapCommandWriter.IsValidKeyword(k))
            {
                return [.. keywords.Where(ImapCommandWriter.IsValidKeyword)];
            }
        }

        return keywords;
    }

    private static UidSet All(ImapMailbox box) => UidSet.Range(1, LastUid(box));

    private static uint LastUid(ImapMailbox box) => box.UidNext is { } next && next > 1 ? next - 1 : uint.MaxValue;

    /// <summary>The checkpoint as the confirmed batches advance it (they are recorded one after another).</summary>
    private sealed class CheckpointCursor(FolderCheckpoint initial)
    {
        public FolderCheckpoint Current { get; set; } = initial;

        /// <summary>Nothing was stored in the destination folder by this copy.</summary>
        public bool DestinationUnchanged { get; set; } = true;
    }

    /// <summary>A batch on the wire: its messages and the destination's answer to come.</summary>
    private sealed record SentBatch(
        ArraySegment<PlannedMessage> Chunk, Task<ImapAppendResult> Confirmation, int Count, long Bytes, bool AllOrNothing);
}
