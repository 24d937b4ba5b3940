using System.Net;

namespace Reconciler.Posture.Spf;

/// <summary>
/// Walks a domain's SPF include/redirect tree through the resolver, the way an evaluation that matches nothing
/// would (the worst case for the limits), and reports lookup counts, the chain that breaks the 10-lookup limit,
/// void lookups, duplicate and overlapping ranges and the record-level rules.
/// </summary>
public sealed class SpfAnalyzer(IPostureResolver resolver, SpfEvaluatorOptions? limits = null)
{
    private readonly SpfEvaluatorOptions _limits = limits ?? new SpfEvaluatorOptions();

    /// <summary>Analyses the SPF record published at <paramref name="domain"/>.</summary>
    public Task<SpfAnalysis> AnalyzeAsync(string domain, CancellationToken cancellationToken) =>
        RunAsync(DomainNames.Normalize(domain), null, cancellationToken);

    /// <summary>Analyses <paramref name="recordText"/> as if published at <paramref name="domain"/> (e.g. a record
    /// from a manifest before it is applied); includes and redirects are followed in DNS.</summary>
    public Task<SpfAnalysis> AnalyzeRecordAsync(string domain, string recordText, CancellationToken cancellationToken) =>
        RunAsync(DomainNames.Normalize(domain), recordText, cancellationToken);

    private async Task<SpfAnalysis> RunAsync(string domain, string? recordText, CancellationToken ct)
    {
        var walk = new Walk(resolver, _limits);
        var root = await walk.VisitAsync(domain, null, [], isPolicyRoot: true, recordText, ct).ConfigureAwait(false);
        walk.Finish(root);
        var findings = walk.Findings
            .OrderByDescending(f => f.Severity)
            .ToList();
        return new SpfAnalysis(domain, root, walk.Lookups, walk.Voids, walk.LimitBreak, findings);
    }

    private sealed class Walk(IPostureResolver resolver, SpfEvaluatorOptions limits)
    {
        private readonly List<(string Domain, SpfMechanism Mechanism)> _networks = [];
        private readonly List<string> _voidTerms = [];

        public List<PostureFinding> Findings { get; } = [];

        public int Lookups { get; private set; }

        public int Voids { get; private set; }

        public SpfLookupLimitBreak? LimitBreak { get; private set; }

        public async Task<SpfPolicyNode> VisitAsync(
            string domain, string? via, IReadOnlyList<string> chain, bool isPolicyRoot, string? recordText,
            CancellationToken ct)
        {
            if (chain.Contains(domain, StringComparer.OrdinalIgnoreCase))
            {
                Findings.Add(PostureCatalogue.SpfLoop.Report(
                    $"'{via}' in {chain[^1]} leads back to {domain}: {string.Join(" → ", chain.Append(domain))}"));
                return new SpfPolicyNode(domain, via, null, SpfNodeStatus.Loop, "loop", 0, 0, []);
            }

            var fetched = recordText is null
                ? await SpfRecordFetch.FetchAsync(resolver, domain, ct).ConfigureAwait(false)
                : SpfRecordFetch.Select(domain, SpfRecord.IsSpfRecord(recordText) ? [recordText] : []);
            if (fetched.Record is not { } record)
            {
                ReportUnusable(domain, via, fetched);
                return new SpfPolicyNode(domain, via, fetched.Text, fetched.Status, fetched.Error, 0, 0, []);
            }

            Findings.AddRange(SpfRecordRules.Check(record, $"the SPF record of {domain}", isPolicyRoot));
            var path = chain.Append(domain).ToList();
            var children = new List<SpfPolicyNode>();
            var own = 0;
            foreach (var m in record.Mechanisms)
            {
                if (m.Kind == SpfMechanismKind.All)
                {
                    break; // nothing after all is ever evaluated
                }

                if (m.QueriesDns)
                {
                    own++;
                    CountLookup(path, m.Text);
                }

                if (m.UsesMacros)
                {
                    Findings.Add(PostureCatalogue.SpfMacroTerm.Report(
                        $"{domain}: '{m.Text}' depends on the message being checked, so it was not followed"));
                    continue;
                }

                var target = m.DomainSpec is null ? domain : DomainNames.Normalize(m.DomainSpec);
                switch (m.Kind)
                {
                    case SpfMechanismKind.Include:
                        children.Add(await VisitAsync(target, m.Text, path, false, null, ct).ConfigureAwait(false));
                        break;
                    case SpfMechanismKind.A:
                        await CheckAddressesAsync(domain, m.Text, target, countVoid: true, ct).ConfigureAwait(false);
                        break;
                    case SpfMechanismKind.Mx:
                        await CheckMxAsync(domain, m, target, ct).ConfigureAwait(false);
                        break;
                    case SpfMechanismKind.Exists:
                        await CheckExistsAsync(domain, m, target, ct).ConfigureAwait(false);
                        break;
                    case SpfMechanismKind.Ip4:
                    case SpfMechanismKind.Ip6:
                        _networks.Add((domain, m));
                        break;
                }
            }

            if (record.All is null && record.Redirect is { } redirect)
            {
                own++;
                CountLookup(path, redirect.Text);
                if (redirect.UsesMacros)
                {
                    Findings.Add(PostureCatalogue.SpfMacroTerm.Report(
                        $"{domain}: '{redirect.Text}' depends on the message being checked, so it was not followed"));
                }
                else
                {
                    children.Add(await VisitAsync(
                        DomainNames.Normalize(redirect.Value), redirect.Text, path, isPolicyRoot, null, ct)
                        .ConfigureAwait(false));
                }
            }

            return new SpfPolicyNode(
                domain, via, record.Text, SpfNodeStatus.Ok, null, own, own + children.Sum(c => c.SubtreeLookups),
                children);
        }

        public void Finish(SpfPolicyNode root)
        {
            if (LimitBreak is { } limitBreak)
            {
                var branches = root.Children
                    .Select(c => $"'{c.Via}' {1 + c.SubtreeLookups}")
                    .ToList();
                var branchText = branches.Count == 0 ? "" : $"; cost per branch: {string.Join(", ", branches)}";
                Findings.Add(PostureCatalogue.SpfTooManyLookups.Report(
                    $"{root.Domain} needs {Lookups} DNS lookups when nothing matches (at most {limits.MaxDnsLookups}): " +
                    $"{limitBreak}{branchText}"));
            }

            if (Voids > limits.MaxVoidLookups)
            {
                Findings.Add(PostureCatalogue.SpfTooManyVoidLookups.Report(
                    $"{root.Domain} has {Voids} void lookups (at most {limits.MaxVoidLookups}): " +
                    string.Join(", ", _voidTerms)));
            }

            ReportRanges();
        }

        private void ReportUnusable(string domain, string? via, SpfRecordFetch.Fetched fetched)
        {
            switch (fetched.Status)
            {
                case SpfNodeStatus.LookupFailed:
                    Findings.Add(PostureCatalogue.SpfLookupFailed.Report(fetched.Error!));
                    break;
                case SpfNodeStatus.MultipleRecords:
                    Findings.Add(PostureCatalogue.SpfMultipleRecords.Report(fetched.Error!));
                    break;
                case SpfNodeStatus.SyntaxError:
                    Findings.Add(PostureCatalogue.SpfSyntax.Report(fetched.Error!));
                    break;
                default:
                    if (via is null)
                    {
                        Findings.Add(PostureCatalogue.SpfMissing.Report(fetched.Error!));
                    }
                    else if (via.StartsWith("redirect", StringComparison.OrdinalIgnoreCase))
                    {
                        Findings.Add(PostureCatalogue.SpfRedirectWithoutRecord.Report($"'{via}': {fetched.Error}"));
                    }
                    else
                    {
                        Findings.Add(PostureCatalogue.SpfIncludeWithoutRecord.Report($"'{via}': {fetched.Error}"));
                    }

                    if (fetched.Status == SpfNodeStatus.NxDomain && via is not null)
                    {
                        CountVoid($"'{via}'");
                    }

                    break;
            }
        }

        private void CountLookup(IReadOnlyList<string> path, string term)
        {
            Lookups++;
            if (Lookups == limits.MaxDnsLookups + 1)
            {
                LimitBreak = new SpfLookupLimitBreak(path.ToList(), term, Lookups);
            }
        }

        private void CountVoid(string what)
        {
            Voids++;
            _voidTerms.Add(what);
        }

        /// <summary>A name with neither A nor AAAA records is void for every client.</summary>
        private async Task<IReadOnlyList<IPAddress>?> CheckAddressesAsync(
            string domain, string term, string name, bool countVoid, CancellationToken ct)
        {
            var a = await resolver.LookupAAsync(name, ct).ConfigureAwait(false);
            var aaaa = await resolver.LookupAaaaAsync(name, ct).ConfigureAwait(false);
            if (a.Status == LookupStatus.Failure || aaaa.Status == LookupStatus.Failure)
            {
                Findings.Add(PostureCatalogue.SpfLookupFailed.Report(
                    $"{domain}: '{term}': the address lookup of {name} failed: {a.Error ?? aaaa.Error}"));
                return null;
            }

            if (a.IsVoid && aaaa.IsVoid)
            {
                if (countVoid)
                {
                    CountVoid($"'{term}' in {domain}");
                }

                Findings.Add(PostureCatalogue.SpfVoidTarget.Report(
                    $"{domain}: '{term}': {name} has no A or AAAA records"));
            }

            return [.. a.Records, .. aaaa.Records];
        }

        private async Task CheckMxAsync(string domain, SpfMechanism m, string name, CancellationToken ct)
        {
            var mx = await resolver.LookupMxAsync(name, ct).ConfigureAwait(false);
            if (mx.Status == LookupStatus.Failure)
            {
                Findings.Add(PostureCatalogue.SpfLookupFailed.Report(
                    $"{domain}: '{m.Text}': the MX lookup of {name} failed: {mx.Error}"));
                return;
            }

            if (mx.IsVoid)
            {
                CountVoid($"'{m.Text}' in {domain}");
                Findings.Add(PostureCatalogue.SpfVoidTarget.Report($"{domain}: '{m.Text}': {name} has no MX records"));
                return;
            }

            if (mx.Records.Count > limits.MaxMxNames)
            {
                Findings.Add(PostureCatalogue.SpfTooManyMx.Report(
                    $"{domain}: '{m.Text}': {name} has {mx.Records.Count} MX records; more than " +
                    $"{limits.MaxMxNames} makes the mechanism a PermError"));
            }

            foreach (var host in mx.Records)
            {
                var exchange = DomainNames.Normalize(host.Host);
                if (exchange.Length > 0)
                {
                    await CheckAddressesAsync(domain, m.Text, exchange, countVoid: false, ct).ConfigureAwait(false);
                }
            }
        }

        private async Task CheckExistsAsync(string domain, SpfMechanism m, string name, CancellationToken ct)
        {
            var a = await resolver.LookupAAsync(name, ct).ConfigureAwait(false);
            if (a.Status == LookupStatus.Failure)
            {
                Findings.Add(PostureCatalogue.SpfLookupFailed.Report(
                    $"{domain}: '{m.Text}': the A lookup of {name} failed: {a.Error}"));
            }
            else if (a.IsVoid)
            {
                CountVoid($"'{m.Text}' in {domain}");
                Findings.Add(PostureCatalogue.SpfVoidTarget.Report($"{domain}: '{m.Text}': {name} has no A record"));
            }
        }

        private void ReportRanges()
        {
            var groups = _networks
                .GroupBy(n => n.Mechanism.Network!.Value.Normalized)
                .ToList();
            foreach (var group in groups.Where(g => g.Count() > 1))
            {
                Findings.Add(PostureCatalogue.SpfDuplicateRange.Report(
                    $"{group.Key} is listed {group.Count()} times: " +
                    string.Join(", ", group.Select(n => $"'{n.Mechanism.Text}' in {n.Domain}"))));
            }

            var distinct = groups.Select(g => g.First()).ToList();
            foreach (var outer in distinct)
            {
                foreach (var inner in distinct)
                {
                    var o = outer.Mechanism.Network!.Value;
                    var i = inner.Mechanism.Network!.Value;
                    if (!ReferenceEquals(outer.Mechanism, inner.Mechanism) && o.PrefixLength < i.PrefixLength &&
                        o.Covers(i))
                    {
                        Findings.Add(PostureCatalogue.SpfOverlappingRange.Report(
                            $"'{inner.Mechanism.Text}' in {inner.Domain} is inside '{outer.Mechanism.Text}' in {outer.Domain}"));
                    }
                }
            }
        }
    }
}
