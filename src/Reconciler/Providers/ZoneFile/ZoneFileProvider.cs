using System.Collections.Concurrent;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Providers.ZoneFile;

/// <summary>
/// The embedded default DNS provider: one RFC 1035 master file per zone (<c>&lt;zone&gt;.zone</c>) in a folder, as
/// BIND or Knot would load them. Writes are atomic (temporary file and rename) and bump the SOA serial; apex SOA
/// and NS are never changed by a step.
/// </summary>
public sealed class ZoneFileProvider : IDnsProvider
{
    private static readonly IReadOnlySet<RecordType> Managed = new HashSet<RecordType>
    {
        RecordType.A, RecordType.AAAA, RecordType.CNAME, RecordType.MX, RecordType.TXT, RecordType.NS,
        RecordType.SRV, RecordType.CAA, RecordType.TLSA, RecordType.PTR,
    };

    private readonly ConcurrentDictionary<DnsName, SemaphoreSlim> _locks = new();
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<DnsName> _nameServers;

    public ZoneFileProvider(string name, string directory, IReadOnlyList<DnsName>? nameServers = null, TimeProvider? clock = null)
    {
        Name = name;
        Directory = directory;
        _nameServers = nameServers is { Count: > 0 } ? nameServers : [DnsName.Parse("localhost.")];
        _clock = clock ?? TimeProvider.System;
    }

    public string Name { get; }

    public string Directory { get; }

    public IReadOnlySet<RecordType> ManagedTypes => Managed;

    public string PathOf(DnsName zone) => Path.Combine(Directory, zone.ToString().TrimEnd('.') + ".zone");

    public async Task<LiveZone?> ReadZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var parsed = await ReadAsync(zone, cancellationToken);
        return parsed is null ? null : new LiveZone(parsed.Origin, parsed.RecordSets);
    }

    public async Task CreateZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(zone, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(PathOf(zone)))
            {
                return;
            }

            System.IO.Directory.CreateDirectory(Directory);
            var serial = SoaSerial.Next(0, Today());
            var soa = new ResourceRecord(
                zone,
                RecordType.SOA,
                3600,
                new SoaData(_nameServers[0], DnsName.Parse("hostmaster", zone), serial, 3600, 600, 1209600, 300));
            var ns = _nameServers.Select(n => new ResourceRecord(zone, RecordType.NS, 3600, new NsData(n)));
            await ZoneFileWriter.WriteFileAsync(PathOf(zone), new Zone(soa, ns), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ApplyAsync(DnsName zone, RecordSet? before, RecordSet? after, CancellationToken cancellationToken)
    {
        var (name, type) = before is not null ? (before.Name, before.Type) : (after!.Name, after.Type);
        if (name == zone && (type == RecordType.SOA || type == RecordType.NS))
        {
            throw new ProviderException($"{Name}: refusing to change {type} at the apex of {zone}; apex SOA and NS belong to the DNS host");
        }

        var gate = _locks.GetOrAdd(zone, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await ReadAsync(zone, cancellationToken)
                ?? throw new ProviderException($"{Name}: zone {zone} does not exist ({PathOf(zone)}); the plan creates zones before their records");
            var live = current.RecordSets.FirstOrDefault(s => s.Name == name && s.Type == type);
            if (SameSet(live, after))
            {
                return;
            }

            if (!SameSet(live, before))
            {
                throw new ChangedSincePlanException($"{type} {name.RelativeTo(zone)} in {zone}", Show(before), Show(live));
            }

            var records = current.Records.Where(r => !(r.Name == name && r.Type == type));
            if (after is not null)
            {
                records = records.Concat(after.ToRecords());
            }

            var next = current.WithRecords(records.ToList()).WithNextSerial(Today());
            await ZoneFileWriter.WriteFileAsync(PathOf(zone), next, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Zone?> ReadAsync(DnsName zone, CancellationToken cancellationToken)
    {
        var path = PathOf(zone);
        try
        {
            return await ZoneFileReader.ReadFileAsync(path, zone, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (DnsFormatException e)
        {
            throw new ProviderException($"{Name}: {e.Message}; fix the zone file (nothing in provider '{Name}' is changed until then)", e);
        }
        catch (IOException e)
        {
            throw new ProviderException($"{Name}: cannot read {path}: {e.Message}", e);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private static bool SameSet(RecordSet? a, RecordSet? b) => a is null ? b is null : b is not null && a.Equals(b);

    private static string Show(RecordSet? set) => set is null ? "nothing" : string.Join(", ", set.Records.Select(r => r.ToPresentation())) + $" (ttl {set.Ttl})";
}
