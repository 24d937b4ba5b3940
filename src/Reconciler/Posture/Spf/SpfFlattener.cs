using System.Net;

namespace Reconciler.Posture.Spf;

/// <summary>
/// Replaces include, a and mx with the ip4/ip6 ranges they stand for today, keeping results exact: for every
/// connecting IP the flattened records give the same SPF result as the original policy (at the time of the
/// snapshot). Terms that depend on the message (ptr, exists, macros), and includes of records holding such
/// terms, are kept as written.
/// </summary>
public sealed class SpfFlattener(IPostureResolver resolver, SpfFlattenOptions? options = null)
{
    private static readonly SpfQualifier[] QualifierOrder =
        [SpfQualifier.Pass, SpfQualifier.Fail, SpfQualifier.SoftFail, SpfQualifier.Neutral];

    private readonly SpfFlattenOptions _options = options ?? new SpfFlattenOptions();

    /// <summary>Flattens the SPF record published at <paramref name="domain"/>.</summary>
    public Task<SpfFlattening> FlattenAsync(string domain, CancellationToken cancellationToken) =>
        RunAsync(DomainNames.Normalize(domain), null, cancellationToken);

    /// <summary>Flattens <paramref name="recordText"/> as if published at <paramref name="domain"/>.</summary>
    public Task<SpfFlattening> FlattenRecordAsync(string domain, string recordText, CancellationToken cancellationToken) =>
        RunAsync(DomainNames.Normalize(domain), recordText, cancellationToken);

    private async Task<SpfFlattening> RunAsync(string domain, string? recordText, CancellationToken ct)
    {
        var fetched = recordText is null
            ? await SpfRecordFetch.FetchAsync(resolver, domain, ct).ConfigureAwait(false)
            : SpfRecordFetch.Select(domain, SpfRecord.IsSpfRecord(recordText) ? [recordText] : []);
        if (fetched.Record is not { } record)
        {
            return Failed(domain, fetched.Text ?? recordText, fetched.Error ?? $"{domain} has no usable SPF record");
        }

        Expansion expansion;
        try
        {
            expansion = await ExpandAsync(domain, record, [], ct).ConfigureAwait(false);
        }
        catch (FlattenException e)
        {
            return Failed(domain, record.Text, e.Message);
        }

        return Layout(domain, record, expansion);
    }

    private static SpfFlattening Failed(string domain, string? original, string error) =>
        new(domain, original, error, [], [], [], null, [], 0, []);

    private async Task<Expansion> ExpandAsync(
        string domain, SpfRecord record, IReadOnlyList<string> chain, CancellationToken ct)
    {
        var items = new List<Item>();
        var pure = true;
        var liveCost = 0;
        var path = chain.Append(domain).ToList();
        foreach (var m in record.Mechanisms)
        {
            if (m.Kind == SpfMechanismKind.All)
            {
                items.Add(new AllItem(m));
                break;
            }

            if (m.QueriesDns)
            {
                liveCost++;
            }

            if (m.UsesMacros || m.Kind is SpfMechanismKind.Ptr or SpfMechanismKind.Exists)
            {
                items.Add(new KeptItem(m.Text, m.QueriesDns ? 1 : 0));
                pure = false;
                continue;
            }

            var target = m.DomainSpec is null ? domain : DomainNames.Normalize(m.DomainSpec);
            switch (m.Kind)
            {
                case SpfMechanismKind.Ip4:
                case SpfMechanismKind.Ip6:
                    items.Add(RangeItem.Of(m.Qualifier, [m.Network!.Value]));
                    break;
                case SpfMechanismKind.A:
                    items.Add(RangeItem.Of(m.Qualifier, await AddressesAsync(target, m, ct).ConfigureAwait(false)));
                    break;
                case SpfMechanismKind.Mx:
                    items.Add(RangeItem.Of(m.Qualifier, await MxAddressesAsync(target, m, ct).ConfigureAwait(false)));
                    break;
                case SpfMechanismKind.Include:
                {
                    var inner = await FollowAsync(target, m.Text, path, ct).ConfigureAwait(false);
                    liveCost += inner.LiveCost;
                    if (inner.Pure)
                    {
                        var (v4, v6) = PassSet(inner.Items);
                        items.Add(new RangeItem(m.Qualifier, v4, v6));
                    }
                    else
                    {
                        items.Add(new KeptItem(m.Text, 1 + inner.LiveCost));
                        pure = false;
                    }

                    break;
                }
            }
        }

        if (record.All is null && record.Redirect is { } redirect)
        {
            liveCost++;
            if (redirect.UsesMacros)
            {
                items.Add(new RedirectItem(redirect.Text, 1));
                pure = false;
            }
            else
            {
                var inner = await FollowAsync(DomainNames.Normalize(redirect.Value), redirect.Text, path, ct)
                    .ConfigureAwait(false);
                liveCost += inner.LiveCost;
                if (inner.Pure)
                {
                    items.AddRange(inner.Items);
                }
                else
                {
                    items.Add(new RedirectItem(redirect.Text, 1 + inner.LiveCost));
                    pure = false;
                }
            }
        }

        return new Expansion(items, pure, liveCost);
    }

    /// <summary>The record an include or redirect points at; anything that makes the live policy a TempError or
    /// PermError stops flattening, since there is no correct flat equivalent.</summary>
    private async Task<Expansion> FollowAsync(string target, string term, IReadOnlyList<string> path, CancellationToken ct)
    {
        if (path.Contains(target, StringComparer.OrdinalIgnoreCase))
        {
            throw new FlattenException(
                $"'{term}' loops back: {string.Join(" → ", path.Append(target))}; the policy is a PermError");
        }

        var fetched = await SpfRecordFetch.FetchAsync(resolver, target, ct).ConfigureAwait(false);
        if (fetched.Record is not { } record)
        {
            var consequence = fetched.Status == SpfNodeStatus.LookupFailed ? "could not be resolved" : "is a PermError";
            throw new FlattenException($"'{term}' in {path[^1]}: {fetched.Error}; the policy {consequence}");
        }

        return await ExpandAsync(target, record, path, ct).ConfigureAwait(false);
    }

    private async Task<List<IpNetwork>> AddressesAsync(string name, SpfMechanism m, CancellationToken ct)
    {
        var a = await resolver.LookupAAsync(name, ct).ConfigureAwait(false);
        var aaaa = await resolver.LookupAaaaAsync(name, ct).ConfigureAwait(false);
        foreach (var r in new[] { a, aaaa })
        {
            if (r.Status == LookupStatus.Failure)
            {
                throw new FlattenException($"'{m.Text}': the address lookup of {name} failed: {r.Error}");
            }
        }

        return a.Records.Select(ip => new IpNetwork(ip, m.Ip4PrefixLength).Normalized)
            .Concat(aaaa.Records.Select(ip => new IpNetwork(ip, m.Ip6PrefixLength).Normalized))
            .ToList();
    }

    private async Task<List<IpNetwork>> MxAddressesAsync(string name, SpfMechanism m, CancellationToken ct)
    {
        var mx = await resolver.LookupMxAsync(name, ct).ConfigureAwait(false);
        if (mx.Status == LookupStatus.Failure)
        {
            throw new FlattenException($"'{m.Text}': the MX lookup of {name} failed: {mx.Error}");
        }

        if (mx.Records.Count > _options.Limits.MaxMxNames)
        {
            throw new FlattenException(
                $"'{m.Text}': {name} has {mx.Records.Count} MX records (more than {_options.Limits.MaxMxNames}); " +
                "the policy is a PermError");
        }

        var networks = new List<IpNetwork>();
        foreach (var host in mx.Records)
        {
            var exchange = DomainNames.Normalize(host.Host);
            if (exchange.Length > 0)
            {
                networks.AddRange(await AddressesAsync(exchange, m, ct).ConfigureAwait(false));
            }
        }

        return networks;
    }

    /// <summary>The addresses for which a record of ranges evaluates to Pass (first match wins).</summary>
    private static (IpRangeSet V4, IpRangeSet V6) PassSet(IEnumerable<Item> items)
    {
        var decided4 = IpRangeSet.Empty(true);
        var decided6 = IpRangeSet.Empty(false);
        var pass4 = IpRangeSet.Empty(true);
        var pass6 = IpRangeSet.Empty(false);
        foreach (var item in items)
        {
            switch (item)
            {
                case RangeItem r:
                    if (r.Qualifier == SpfQualifier.Pass)
                    {
                        pass4 = pass4.Union(r.V4.Except(decided4));
                        pass6 = pass6.Union(r.V6.Except(decided6));
                    }

                    decided4 = decided4.Union(r.V4);
                    decided6 = decided6.Union(r.V6);
                    break;
                case AllItem a:
                    if (a.Mechanism.Qualifier == SpfQualifier.Pass)
                    {
                        pass4 = pass4.Union(Universe(true).Except(decided4));
                        pass6 = pass6.Union(Universe(false).Except(decided6));
                    }

                    return (pass4, pass6);
            }
        }

        return (pass4, pass6);
    }

    private static IpRangeSet Universe(bool ipv4) =>
        IpRangeSet.Of(ipv4, [new IpNetwork(ipv4 ? IPAddress.Any : IPAddress.IPv6Any, 0)]);

    private SpfFlattening Layout(string domain, SpfRecord original, Expansion expansion)
    {
        var units = new List<Unit>();
        var decided4 = IpRangeSet.Empty(true);
        var decided6 = IpRangeSet.Empty(false);
        var segment = new Dictionary<SpfQualifier, (IpRangeSet V4, IpRangeSet V6)>();
        var pass4 = IpRangeSet.Empty(true);
        var pass6 = IpRangeSet.Empty(false);
        SpfQualifier? allQualifier = null;
        var kept = new List<string>();
        var endsWithAll = false;
        var keptRedirect = false;

        void Flush(SpfQualifier? fallThrough)
        {
            foreach (var q in QualifierOrder)
            {
                if (!segment.TryGetValue(q, out var sets) || q == fallThrough)
                {
                    continue; // ranges with the same result as falling through are redundant
                }

                var networks = sets.V4.ToNetworks().Concat(sets.V6.ToNetworks()).ToList();
                if (networks.Count > 0)
                {
                    units.Add(new RangeUnit(q, networks));
                }
            }

            segment.Clear();
        }

        foreach (var item in expansion.Items)
        {
            switch (item)
            {
                case RangeItem r:
                {
                    var add4 = r.V4.Except(decided4);
                    var add6 = r.V6.Except(decided6);
                    var current = segment.TryGetValue(r.Qualifier, out var s)
                        ? s
                        : (IpRangeSet.Empty(true), IpRangeSet.Empty(false));
                    segment[r.Qualifier] = (current.Item1.Union(add4), current.Item2.Union(add6));
                    if (r.Qualifier == SpfQualifier.Pass)
                    {
                        pass4 = pass4.Union(add4);
                        pass6 = pass6.Union(add6);
                    }

                    decided4 = decided4.Union(r.V4);
                    decided6 = decided6.Union(r.V6);
                    break;
                }

                case KeptItem k:
                    Flush(null);
                    units.Add(new FixedUnit(k.Text, k.Cost));
                    kept.Add(k.Text);
                    break;
                case RedirectItem rd:
                    Flush(null);
                    units.Add(new FixedUnit(rd.Text, rd.Cost));
                    kept.Add(rd.Text);
                    keptRedirect = true;
                    break;
                case AllItem a:
                    Flush(a.Mechanism.Qualifier);
                    units.Add(new FixedUnit(a.Mechanism.Text, 0));
                    allQualifier = a.Mechanism.Qualifier;
                    endsWithAll = true;
                    break;
            }
        }

        if (!endsWithAll)
        {
            // With no all and no redirect left, an unmatched IP gets Neutral: "?" ranges add nothing.
            Flush(keptRedirect ? null : SpfQualifier.Neutral);
        }

        if (original.Explanation is { } exp)
        {
            units.Add(new FixedUnit(exp.Text, 0));
        }

        var records = Split(domain, units, out var chunkIncludes);
        var lookups = units.OfType<FixedUnit>().Sum(u => u.Cost) + chunkIncludes;
        var findings = new List<PostureFinding>();
        foreach (var k in kept)
        {
            findings.Add(PostureCatalogue.SpfFlattenKept.Report(
                $"{domain}: '{k}' was kept as written; it depends on the message or includes a record that does"));
        }

        if (records.Count > 1)
        {
            findings.Add(PostureCatalogue.SpfFlattenSplit.Report(
                $"{domain}: the flattened policy does not fit {_options.MaxRecordOctets} octets; publish " +
                $"{string.Join(", ", records.Skip(1).Select(r => r.Name))} and include them from {domain}"));
        }

        if (lookups > _options.Limits.MaxDnsLookups)
        {
            findings.Add(PostureCatalogue.SpfTooManyLookups.Report(
                $"{domain}: the flattened policy still needs {lookups} DNS lookups (at most {_options.Limits.MaxDnsLookups})"));
        }

        if (records[0].Octets > _options.MaxRecordOctets)
        {
            findings.Add(PostureCatalogue.SpfLargeRecord.Report(
                $"{domain}: the flattened record is {records[0].Octets} octets even with ranges moved out"));
        }

        return new SpfFlattening(
            domain, original.Text, null, records, pass4.ToNetworks(), pass6.ToNetworks(), allQualifier, kept,
            lookups, findings);
    }

    /// <summary>Moves the biggest groups of ranges into extra records, each group replaced in place by includes
    /// with the group's qualifier, until the domain's own record fits.</summary>
    private List<SpfFlattenedRecord> Split(string domain, List<Unit> units, out int chunkIncludes)
    {
        var max = _options.MaxRecordOctets;
        var chunked = new HashSet<RangeUnit>(ReferenceEqualityComparer.Instance);
        string Placeholder() => $"include:{_options.ChunkNamePrefix}99.{domain}";

        int RootLength() => Render(units.SelectMany(u => u switch
        {
            RangeUnit r when chunked.Contains(r) => Pack(r.Networks, max).Select(_ => Prefix(r.Qualifier) + Placeholder()),
            _ => u.Terms,
        })).Length;

        var candidates = units.OfType<RangeUnit>().OrderByDescending(r => Render(r.Terms).Length).ToList();
        foreach (var candidate in candidates)
        {
            if (RootLength() <= max)
            {
                break;
            }

            chunked.Add(candidate);
        }

        var records = new List<SpfFlattenedRecord>();
        var rootTerms = new List<string>();
        var n = 0;
        foreach (var unit in units)
        {
            if (unit is RangeUnit r && chunked.Contains(r))
            {
                foreach (var chunk in Pack(r.Networks, max))
                {
                    n++;
                    var name = $"{_options.ChunkNamePrefix}{n}.{domain}";
                    records.Add(new SpfFlattenedRecord(name, Render(chunk)));
                    rootTerms.Add($"{Prefix(r.Qualifier)}include:{name}");
                }
            }
            else
            {
                rootTerms.AddRange(unit.Terms);
            }
        }

        chunkIncludes = n;
        records.Insert(0, new SpfFlattenedRecord(domain, Render(rootTerms)));
        return records;
    }

    /// <summary>Bare ip4:/ip6: terms packed into as few records of at most <paramref name="max"/> octets as fit.</summary>
    private static List<List<string>> Pack(IReadOnlyList<IpNetwork> networks, int max)
    {
        var chunks = new List<List<string>>();
        var current = new List<string>();
        var length = "v=spf1".Length;
        foreach (var term in networks.Select(Term))
        {
            if (current.Count > 0 && length + 1 + term.Length > max)
            {
                chunks.Add(current);
                current = [];
                length = "v=spf1".Length;
            }

            current.Add(term);
            length += 1 + term.Length;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        return chunks;
    }

    private static string Render(IEnumerable<string> terms)
    {
        var list = terms.ToList();
        return list.Count == 0 ? "v=spf1" : "v=spf1 " + string.Join(' ', list);
    }

    private static string Term(IpNetwork n) => (n.IsIPv4 ? "ip4:" : "ip6:") + n;

    private static string Prefix(SpfQualifier q) => q switch
    {
        SpfQualifier.Fail => "-",
        SpfQualifier.SoftFail => "~",
        SpfQualifier.Neutral => "?",
        _ => "",
    };

    private sealed class FlattenException(string message) : Exception(message);

    private abstract record Item;

    private sealed record RangeItem(SpfQualifier Qualifier, IpRangeSet V4, IpRangeSet V6) : Item
    {
        public static RangeItem Of(SpfQualifier q, IReadOnlyCollection<IpNetwork> networks) =>
            new(q, IpRangeSet.Of(true, networks), IpRangeSet.Of(false, networks));
    }

    private sealed record KeptItem(string Text, int Cost) : Item;

    private sealed record RedirectItem(string Text, int Cost) : Item;

    private sealed record AllItem(SpfMechanism Mechanism) : Item;

    private sealed record Expansion(List<Item> Items, bool Pure, int LiveCost);

    private abstract record Unit
    {
        public abstract IEnumerable<string> Terms { get; }
    }

    private sealed record RangeUnit(SpfQualifier Qualifier, IReadOnlyList<IpNetwork> Networks) : Unit
    {
        public override IEnumerable<string> Terms => Networks.Select(n => Prefix(Qualifier) + Term(n));
    }

    private sealed record FixedUnit(string Text, int Cost) : Unit
    {
        public override IEnumerable<string> Terms => [Text];
    }
}
