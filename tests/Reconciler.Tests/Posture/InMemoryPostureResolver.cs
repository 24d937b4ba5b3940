using System.Net;
using Reconciler.Posture;

namespace Reconciler.Tests.Posture;

/// <summary>
/// A DNS zone in memory behind <see cref="IPostureResolver"/>, behaving like a recursive resolver: names are
/// case-insensitive, CNAME chains are followed (a loop is a Failure), a name that is not in the zone is NXDOMAIN and a
/// name without records of the asked type is NODATA. A "timeout" entry makes every question of a type with no record
/// listed before it fail, as the openspf suite's TIMEOUT does.
/// </summary>
public sealed class InMemoryPostureResolver : IPostureResolver
{
    private readonly Dictionary<string, List<Entry>> _zone = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _queries = [];

    /// <summary>Every question asked, as "TYPE name", in order.</summary>
    public IReadOnlyList<string> Queries => _queries;

    public InMemoryPostureResolver AddName(string name)
    {
        Entries(name);
        return this;
    }

    public InMemoryPostureResolver AddTxt(string name, params string[] records)
    {
        foreach (var r in records)
        {
            Entries(name).Add(new Entry("TXT", r));
        }

        return this;
    }

    public InMemoryPostureResolver AddA(string name, params string[] addresses)
    {
        foreach (var a in addresses)
        {
            Entries(name).Add(new Entry("A", IPAddress.Parse(a)));
        }

        return this;
    }

    public InMemoryPostureResolver AddAaaa(string name, params string[] addresses)
    {
        foreach (var a in addresses)
        {
            Entries(name).Add(new Entry("AAAA", IPAddress.Parse(a)));
        }

        return this;
    }

    public InMemoryPostureResolver AddMx(string name, ushort preference, string host)
    {
        Entries(name).Add(new Entry("MX", new MxHost(preference, host)));
        return this;
    }

    public InMemoryPostureResolver AddPtr(string name, params string[] targets)
    {
        foreach (var t in targets)
        {
            Entries(name).Add(new Entry("PTR", t));
        }

        return this;
    }

    public InMemoryPostureResolver AddCname(string name, string target)
    {
        Entries(name).Add(new Entry("CNAME", target));
        return this;
    }

    /// <summary>Questions about <paramref name="name"/> of a type not listed before this entry time out.</summary>
    public InMemoryPostureResolver AddTimeout(string name)
    {
        Entries(name).Add(new Entry("TIMEOUT", null));
        return this;
    }

    /// <summary>A record of a type this resolver never answers for (e.g. the obsolete SPF type 99).</summary>
    public InMemoryPostureResolver AddOther(string name, string type, object value)
    {
        Entries(name).Add(new Entry(type, value));
        return this;
    }

    public Task<LookupResult<string>> LookupTxtAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup<string>(name, "TXT"));

    public Task<LookupResult<IPAddress>> LookupAAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup<IPAddress>(name, "A"));

    public Task<LookupResult<IPAddress>> LookupAaaaAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup<IPAddress>(name, "AAAA"));

    public Task<LookupResult<MxHost>> LookupMxAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup<MxHost>(name, "MX"));

    public Task<LookupResult<string>> LookupPtrAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup<string>(name, "PTR"));

    public Task<LookupResult<string>> LookupCnameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Lookup<string>(name, "CNAME"));

    private List<Entry> Entries(string name)
    {
        var key = Key(name);
        if (!_zone.TryGetValue(key, out var list))
        {
            list = [];
            _zone[key] = list;
        }

        return list;
    }

    private static string Key(string name) => name.EndsWith('.') ? name[..^1] : name;

    private LookupResult<T> Lookup<T>(string name, string type)
    {
        _queries.Add($"{type} {name}");
        var current = Key(name);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (visited.Add(current))
        {
            if (!_zone.TryGetValue(current, out var entries))
            {
                return LookupResult<T>.NxDomain();
            }

            var records = new List<T>();
            foreach (var e in entries)
            {
                if (e.Type == "TIMEOUT")
                {
                    if (records.Count == 0)
                    {
                        return LookupResult<T>.Failure($"timeout asking {type} {current}");
                    }

                    continue;
                }

                if (e.Type == type)
                {
                    records.Add((T)e.Value!);
                }
            }

            if (records.Count > 0)
            {
                return LookupResult<T>.Found(records);
            }

            var cname = type == "CNAME" ? null : entries.FirstOrDefault(e => e.Type == "CNAME");
            if (cname is null)
            {
                return LookupResult<T>.NoData();
            }

            current = Key((string)cname.Value!);
        }

        return LookupResult<T>.Failure($"CNAME loop at {current}");
    }

    private sealed record Entry(string Type, object? Value);
}
