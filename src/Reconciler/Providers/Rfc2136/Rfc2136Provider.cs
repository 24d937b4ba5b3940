using System.Collections.Concurrent;
using System.Diagnostics;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.Wire;
using Reconciler.Schema.Model;
using Reconciler.Secrets;

namespace Reconciler.Providers.Rfc2136;

/// <summary>
/// Any authoritative server speaking standard DNS: zones are read by AXFR and changed by RFC 2136 UPDATE, both
/// TSIG-signed. Each step is one UPDATE whose prerequisite is the record set the plan read (RFC 2136 §2.4.2, or
/// §2.4.3 "RRset does not exist" when it read none), so a hand edit made in between fails the step with
/// <see cref="ChangedSincePlanException"/> instead of being overwritten. After each change every name server of the
/// zone is asked until it serves the change or <see cref="Rfc2136Settings.VerifyDeadline"/> passes.
/// <para>
/// The first read of a zone is an AXFR; later reads ask for the SOA first and reuse the last transfer while the
/// serial has not moved, so a drift pass over unchanged zones costs one small UDP query per zone. When the serial
/// moved, an IXFR brings the last read up to date (a full AXFR when the server offers no history that far back).
/// This trusts the serial as secondaries do: an edit that does not move it (a zone file reloaded with the same
/// serial) is not seen until the serial moves.
/// </para>
/// </summary>
public sealed class Rfc2136Provider : IDnsProvider
{
    /// <summary>Zone transfers one provider runs at once, below BIND's default transfers-out of 10.</summary>
    public const int MaxConcurrentTransfers = 8;

    private readonly Rfc2136Settings _settings;
    private readonly ResolvedOnce<DnsClient> _primary;
    private readonly DnsClientOptions _verifyOptions;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<DnsName, (ResourceRecord Soa, LiveZone Zone)> _transfers = new();
    private readonly SemaphoreSlim _transferSlots = new(MaxConcurrentTransfers, MaxConcurrentTransfers);
    private int _transferCount;
    private int _incrementalTransferCount;

    public Rfc2136Provider(string name, Rfc2136Settings settings, TsigKey? tsigKey, TimeProvider? clock = null)
        : this(name, settings, _ => Task.FromResult(tsigKey), clock)
    {
    }

    private Rfc2136Provider(string name, Rfc2136Settings settings, Func<CancellationToken, Task<TsigKey?>> key, TimeProvider? clock)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _primary = new ResolvedOnce<DnsClient>(async ct =>
            new DnsClient(settings.Server, new DnsClientOptions { TsigKey = await key(ct).ConfigureAwait(false), Timeout = settings.Timeout, Clock = _clock }));
        _verifyOptions = new DnsClientOptions { Timeout = settings.Timeout, UdpAttempts = 1, Clock = _clock };
    }

    public string Name { get; }

    public IReadOnlySet<RecordType> ManagedTypes => DnsStep.ManagedTypes;

    /// <summary>How many full zone transfers (AXFR) this instance has made (reads answered from the SOA check do not count).</summary>
    public int TransferCount => Volatile.Read(ref _transferCount);

    /// <summary>How many reads were brought up to date by an incremental transfer (IXFR) instead of a full one.</summary>
    public int IncrementalTransferCount => Volatile.Read(ref _incrementalTransferCount);

    /// <summary>
    /// The provider for a reconciler.yaml entry (the <see cref="Providers.ProviderSet"/> factory signature). Settings
    /// are checked now; the TSIG key is read through its secret reference on first use.
    /// </summary>
    /// <exception cref="ProviderException">A setting is missing or malformed.</exception>
    public static Rfc2136Provider FromConfig(ProviderConfig provider, PortfolioConfig portfolio) =>
        FromConfig(provider, portfolio.Directory);

    /// <param name="baseDirectory">What relative <c>file:</c> references are relative to (reconciler.yaml's folder).</param>
    /// <param name="environment">Looks up <c>env:</c> references; the process environment when null.</param>
    public static Rfc2136Provider FromConfig(ProviderConfig config, string baseDirectory, TimeProvider? clock = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = Rfc2136Settings.FromConfig(config);
        return new Rfc2136Provider(config.Name, settings, ReadKey, clock);

        async Task<TsigKey?> ReadKey(CancellationToken ct)
        {
            if (settings.TsigKey is not { } reference)
            {
                return null;
            }

            try
            {
                var text = await reference.ResolveAsync(baseDirectory, ct, environment).ConfigureAwait(false);
                return TsigKey.Parse(text, $"the TSIG key from '{reference}'");
            }
            catch (Exception ex) when (ex is SecretException or FormatException)
            {
                throw new ProviderException($"{config.Position}: provider '{config.Name}': {ex.Message}", ex);
            }
        }
    }

    public async Task<LiveZone?> ReadZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!_transfers.TryGetValue(zone, out var cached))
        {
            // Nothing to reuse: the zone must be transferred anyway, and asking its serial first would only add a
            // round trip per zone (a CLI plan reads every zone once).
            return await TransferZoneAsync(zone, cancellationToken).ConfigureAwait(false);
        }

        var serial = await ServedSerialAsync(zone, cancellationToken).ConfigureAwait(false);
        if (serial is null)
        {
            _transfers.TryRemove(zone, out _);
            return null;
        }

        if (((SoaData)cached.Soa.Data).Serial == serial)
        {
            return cached.Zone;
        }

        return await IncrementalZoneAsync(zone, cached, cancellationToken).ConfigureAwait(false)
            ?? await TransferZoneAsync(zone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The zone brought up to date from the last read by IXFR, or null when that cannot be trusted or is not offered
    /// (no IXFR on the server, a history that does not fit the copy): the caller transfers the whole zone.
    /// </summary>
    private async Task<LiveZone?> IncrementalZoneAsync(DnsName zone, (ResourceRecord Soa, LiveZone Zone) cached, CancellationToken cancellationToken)
    {
        IncrementalTransfer answer;
        try
        {
            answer = await Call(c => InTransferSlotAsync(() => c.IncrementalTransferAsync(zone, cached.Soa, cancellationToken), cancellationToken), $"cannot read zone {zone}", cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong (NOTIMP, REFUSED, a malformed answer, a dropped connection), the full transfer
            // that follows either works or reports the problem in the words the AXFR path has for it.
            return null;
        }

        var records = answer switch
        {
            IncrementalTransfer.Changes changes => IncrementalChange.Apply([cached.Soa, .. cached.Zone.RecordSets.Where(s => s.Type != RecordType.SOA).SelectMany(s => s.ToRecords())], changes),
            IncrementalTransfer.Whole whole => whole.Records,
            _ => null,
        };
        if (records is null)
        {
            return null;
        }

        // A server without the history answers an IXFR with the whole zone: that read was a full transfer.
        Interlocked.Increment(ref answer is IncrementalTransfer.Whole ? ref _transferCount : ref _incrementalTransferCount);
        return Remember(zone, records);
    }

    private LiveZone Remember(DnsName zone, IReadOnlyList<ResourceRecord> records)
    {
        var live = new LiveZone(zone, RecordSet.Group(records));
        _transfers[zone] = (records[0], live);
        return live;
    }

    public async Task CreateZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (await ServedSerialAsync(zone, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        throw new ProviderException(
            $"{Name}: zone {zone} does not exist on {_settings.Server}, and DNS UPDATE (RFC 2136) cannot create zones: create it on the server (BIND: a zone statement with allow-update; Knot: a zone entry with an update ACL; PowerDNS: pdnsutil create-zone), then apply again (reconciler serve retries on its own)");
    }

    public async Task ApplyAsync(DnsName zone, RecordSet? before, RecordSet? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (name, type) = DnsStep.Target(Name, ManagedTypes, zone, before, after);
        var resource = DnsStep.Resource(zone, name, type);

        if (before is not null)
        {
            // The set existed at plan time, so a plain query sees it (no wildcard stands in for an existing name).
            var live = await LiveSetAsync(name, type, cancellationToken).ConfigureAwait(false);
            if (DnsStep.Same(live, after))
            {
                return;
            }

            if (!DnsStep.Same(live, before))
            {
                throw new ChangedSincePlanException(resource, DnsStep.Show(before), DnsStep.Show(live));
            }
        }

        var update = new DnsUpdate(zone);
        if (before is not null)
        {
            update.RequireRecordSet(before);
        }
        else
        {
            update.RequireNoRecordSet(name, type);
        }

        update.DeleteRecordSet(name, type);
        if (after is not null)
        {
            update.AddRecordSet(after);
        }

        var primary = await Primary(cancellationToken).ConfigureAwait(false);
        try
        {
            await primary.UpdateAsync(update, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex) when (ex.IsPrerequisiteFailure)
        {
            if (await AlreadyAppliedAsync(zone, name, type, after, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var found = await LiveSetAsync(name, type, cancellationToken).ConfigureAwait(false);
            throw new ChangedSincePlanException(resource, DnsStep.Show(before), DnsStep.Show(found));
        }
        catch (DnsException ex)
        {
            throw new ProviderException($"{Name}: cannot change {resource}: {ex.Message}", ex);
        }

        await VerifyServedAsync(zone, name, type, after, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The zone by AXFR, remembered with its serial; null when the server does not serve the zone.</summary>
    private async Task<LiveZone?> TransferZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        IReadOnlyList<ResourceRecord> records;
        try
        {
            records = await Call(c => TransferAsync(c, zone, cancellationToken), $"cannot read zone {zone}", cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.InnerException is DnsResponseException { ResponseCode: DnsResponseCode.Refused or DnsResponseCode.NotAuth or DnsResponseCode.NXDomain } or TsigException)
        {
            // A refused transfer is a zone the server does not serve (none yet: null, so the plan creates it) or one
            // it serves but will not transfer to us (an ACL or key problem: the error stands). The SOA query tells
            // which. PowerDNS refuses an unknown zone with an unsigned NOTAUTH, hence the TSIG error here too.
            if (await ServedSerialAsync(zone, cancellationToken).ConfigureAwait(false) is null)
            {
                _transfers.TryRemove(zone, out _);
                return null;
            }

            throw;
        }

        Interlocked.Increment(ref _transferCount);
        return Remember(zone, records);
    }

    private Task<IReadOnlyList<ResourceRecord>> TransferAsync(DnsClient client, DnsName zone, CancellationToken cancellationToken) =>
        InTransferSlotAsync(() => client.TransferAsync(zone, cancellationToken), cancellationToken);

    /// <summary>
    /// One transfer (AXFR or IXFR), at most <see cref="MaxConcurrentTransfers"/> at a time: BIND serves 10 transfers
    /// at once by default (transfers-out) and answers SERVFAIL beyond that, so a SERVFAIL is also retried a few times
    /// after a pause.
    /// </summary>
    private async Task<T> InTransferSlotAsync<T>(Func<Task<T>> transfer, CancellationToken cancellationToken)
    {
        await _transferSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await transfer().ConfigureAwait(false);
                }
                catch (DnsResponseException ex) when (ex.ResponseCode == DnsResponseCode.ServFail && attempt < 4)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), _clock, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _transferSlots.Release();
        }
    }

    /// <summary>The SOA serial the primary serves for the zone, or null when it does not serve the zone.</summary>
    private async Task<uint?> ServedSerialAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var response = await Call(c => c.QueryAsync(zone, RecordType.SOA, cancellationToken), $"cannot read zone {zone}", cancellationToken).ConfigureAwait(false);
        if (response.ResponseCode is DnsResponseCode.Refused or DnsResponseCode.NotAuth or DnsResponseCode.NXDomain)
        {
            return null;
        }

        if (response.ResponseCode != DnsResponseCode.NoError)
        {
            throw new ProviderException($"{Name}: {_settings.Server} answered {response.ResponseCode.ToString().ToUpperInvariant()} to the SOA query for {zone}; check the server's log");
        }

        return response.Answers.FirstOrDefault(a => a.Name == zone && a.Data is SoaData) is { Data: SoaData soa } ? soa.Serial : null;
    }

    /// <summary>After a failed prerequisite: is the set already what the step wants? (A retried step, or a hand edit to the same.)</summary>
    private async Task<bool> AlreadyAppliedAsync(DnsName zone, DnsName name, RecordType type, RecordSet? after, CancellationToken cancellationToken)
    {
        // A prerequisite-only UPDATE asks the server itself, which no wildcard can fool; it changes nothing.
        var check = new DnsUpdate(zone);
        if (after is null)
        {
            check.RequireNoRecordSet(name, type);
        }
        else
        {
            check.RequireRecordSet(after);
        }

        var primary = await Primary(cancellationToken).ConfigureAwait(false);
        try
        {
            await primary.UpdateAsync(check, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex) when (ex.IsPrerequisiteFailure)
        {
            return false;
        }
        catch (DnsException ex)
        {
            throw new ProviderException($"{Name}: cannot check {type} {name} in {zone}: {ex.Message}", ex);
        }

        // Prerequisites ignore TTLs; the set exists now, so a query shows its TTL.
        return after is null || DnsStep.Same(await LiveSetAsync(name, type, cancellationToken).ConfigureAwait(false), after);
    }

    private async Task VerifyServedAsync(DnsName zone, DnsName name, RecordType type, RecordSet? after, CancellationToken cancellationToken)
    {
        var servers = await NameServersAsync(zone, cancellationToken).ConfigureAwait(false);
        uint? primarySerial = after is null ? await ServedSerialAsync(zone, cancellationToken).ConfigureAwait(false) : null;
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(servers.Select(async server =>
        {
            var client = new DnsClient(server, _verifyOptions);
            var delay = TimeSpan.FromMilliseconds(50);
            while (true)
            {
                // A server that never answers is not one that serves old data: the error must say which it was.
                DnsException? silent = null;
                try
                {
                    if (await ServesAsync(client, zone, name, type, after, primarySerial, cancellationToken).ConfigureAwait(false))
                    {
                        return (Server: server, Serves: true, Silence: silent);
                    }
                }
                catch (DnsException ex)
                {
                    silent = ex; // down or slow right now: keep asking until the deadline
                }

                if (clock.Elapsed >= _settings.VerifyDeadline)
                {
                    return (Server: server, Serves: false, Silence: silent);
                }

                await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
        })).ConfigureAwait(false);

        var accepted = $"{Name}: {_settings.Server} accepted the change of {type} {name.RelativeTo(zone)} in {zone}, but ";
        var silentServers = results.Where(r => !r.Serves && r.Silence is not null).ToList();
        if (silentServers.Count > 0)
        {
            // Without nameServers they come from the apex NS on port 53, which a test or lab server often is not on.
            var hint = _settings.NameServers.Count == 0
                ? $"; changes are verified on {zone}'s apex NS at port 53: if they are not reachable there from here, list the name servers as host:port in the provider's nameServers"
                : "; check that each server in the provider's nameServers runs and the address and port are right";
            throw new ProviderException(
                accepted + $"{string.Join(", ", silentServers.Select(r => r.Server.ToString()))} did not answer until the deadline of {_settings.VerifyDeadline.TotalSeconds:0.#} s (last: {silentServers[0].Silence!.Message.Split(": check", 2)[0]}){hint}");
        }

        var lagging = results.Where(r => !r.Serves).Select(r => r.Server.ToString()).ToList();
        if (lagging.Count > 0)
        {
            throw new ProviderException(
                accepted + $"{string.Join(", ", lagging)} still {(lagging.Count == 1 ? "does" : "do")} not serve it after {_settings.VerifyDeadline.TotalSeconds:0.#} s: check zone transfers and NOTIFY from the primary (and that the server did not silently ignore the update, e.g. a CNAME beside other data)");
        }
    }

    private static async Task<bool> ServesAsync(DnsClient client, DnsName zone, DnsName name, RecordType type, RecordSet? after, uint? primarySerial, CancellationToken cancellationToken)
    {
        // A DnsException (no answer) goes to the caller, which tells a silent server from a stale one.
        var response = await client.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
        if (response.ResponseCode is not (DnsResponseCode.NoError or DnsResponseCode.NXDomain))
        {
            return false;
        }

        var served = SetFrom(response, name, type);
        if (DnsStep.Same(served, after))
        {
            return true;
        }

        if (after is null && primarySerial is { } wanted)
        {
            // Under a wildcard a deleted set still "answers"; then the serial tells whether the change arrived.
            try
            {
                var soa = await client.QueryAsync(zone, RecordType.SOA, cancellationToken).ConfigureAwait(false);
                return soa.Answers.FirstOrDefault(a => a.Data is SoaData)?.Data is SoaData s
                    && (s.Serial == wanted || Dns.ZoneFiles.SoaSerial.IsNewer(s.Serial, wanted));
            }
            catch (DnsException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task<IReadOnlyList<DnsServerAddress>> NameServersAsync(DnsName zone, CancellationToken cancellationToken)
    {
        if (_settings.NameServers.Count > 0)
        {
            return _settings.NameServers;
        }

        var ns = await Call(c => c.QueryAsync(zone, RecordType.NS, cancellationToken), $"cannot list the name servers of {zone}", cancellationToken).ConfigureAwait(false);
        var names = ns.Answers.Select(a => a.Data).OfType<NsData>().Select(n => n.Target).ToList();
        if (names.Count == 0)
        {
            throw new ProviderException($"{Name}: {zone} has no NS records to verify changes on; list nameServers in the provider settings");
        }

        var servers = new List<DnsServerAddress>();
        foreach (var host in names)
        {
            var addresses = new List<string>();
            foreach (var t in new[] { RecordType.A, RecordType.AAAA })
            {
                // In-zone name servers have their addresses in the zone itself; ask the primary first.
                var answer = await Call(c => c.QueryAsync(host, t, cancellationToken), $"cannot resolve name server {host}", cancellationToken).ConfigureAwait(false);
                addresses.AddRange(answer.Answers.Where(a => a.Name == host).Select(a => a.Data switch
                {
                    AData a4 => a4.Address.ToString(),
                    AaaaData a6 => a6.Address.ToString(),
                    _ => null,
                }).OfType<string>());
            }

            if (addresses.Count == 0)
            {
                try
                {
                    addresses.AddRange((await System.Net.Dns.GetHostAddressesAsync(host.ToString().TrimEnd('.'), cancellationToken).ConfigureAwait(false)).Select(a => a.ToString()));
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // reported below
                }
            }

            if (addresses.Count == 0)
            {
                throw new ProviderException($"{Name}: cannot find an address for {zone}'s name server {host} to verify changes on; list nameServers (host:port) in the provider settings");
            }

            servers.Add(new DnsServerAddress(addresses[0], DnsServerAddress.DefaultPort));
        }

        return servers;
    }

    private async Task<RecordSet?> LiveSetAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        var response = await Call(c => c.QueryAsync(name, type, cancellationToken), $"cannot read {type} {name}", cancellationToken).ConfigureAwait(false);
        if (response.ResponseCode is not (DnsResponseCode.NoError or DnsResponseCode.NXDomain))
        {
            throw new ProviderException($"{Name}: {_settings.Server} answered {response.ResponseCode.ToString().ToUpperInvariant()} to the query for {name} {type}");
        }

        return SetFrom(response, name, type);
    }

    private static RecordSet? SetFrom(DnsMessage response, DnsName name, RecordType type)
    {
        var records = Matching(response.Answers, name, type);
        if (records.Count == 0 && type == RecordType.NS && response.Answers.Count == 0)
        {
            // NS below the apex is a delegation: the server answers with a referral, the set in the authority section.
            records = Matching(response.Authorities, name, type);
        }

        return records.Count == 0 ? null : RecordSet.Group(records)[0];
    }

    private static List<ResourceRecord> Matching(IReadOnlyList<MessageRecord> section, DnsName name, RecordType type) =>
        section.Where(a => a.Name == name && a.Type == type && a.IsZoneData).Select(a => a.ToResourceRecord()).ToList();

    private ValueTask<DnsClient> Primary(CancellationToken cancellationToken) => _primary.GetAsync(cancellationToken);

    private async Task<T> Call<T>(Func<DnsClient, Task<T>> action, string what, CancellationToken cancellationToken)
    {
        var client = await Primary(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action(client).ConfigureAwait(false);
        }
        catch (DnsException ex)
        {
            throw new ProviderException($"{Name}: {what}: {ex.Message}", ex);
        }
    }
}
