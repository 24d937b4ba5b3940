using System.Net;
using System.Net.Sockets;

namespace Reconciler.Posture.Spf;

/// <summary>
/// RFC 7208 check_host(): evaluates a domain's SPF policy for a connecting IP through an <see cref="IPostureResolver"/>.
/// One instance can run any number of checks; each check keeps its own lookup counters.
/// </summary>
public sealed class SpfEvaluator(IPostureResolver resolver, SpfEvaluatorOptions? options = null)
{
    private readonly IPostureResolver _resolver = resolver;
    private readonly SpfEvaluatorOptions _options = options ?? new SpfEvaluatorOptions();

    /// <summary>
    /// Checks the MAIL FROM identity (or the HELO identity when MAIL FROM is empty, RFC 7208 §2.4): derives
    /// &lt;sender&gt; and &lt;domain&gt; as §4.3 says and runs check_host().
    /// </summary>
    public Task<SpfCheckResult> CheckMailFromAsync(
        IPAddress ip, string mailFrom, string helo, CancellationToken cancellationToken)
    {
        var sender = mailFrom.Length == 0 ? "postmaster@" + helo : mailFrom;
        var at = sender.LastIndexOf('@');
        if (at < 0)
        {
            sender = "postmaster@" + sender;
            at = sender.LastIndexOf('@');
        }
        else if (at == 0)
        {
            sender = "postmaster" + sender;
            at = sender.LastIndexOf('@');
        }

        return CheckHostAsync(ip, sender[(at + 1)..], sender, helo, cancellationToken);
    }

    /// <summary>check_host(&lt;ip&gt;, &lt;domain&gt;, &lt;sender&gt;) with the HELO name for %{h}.</summary>
    public async Task<SpfCheckResult> CheckHostAsync(
        IPAddress ip, string domain, string sender, string helo, CancellationToken cancellationToken)
    {
        // RFC 7208 §5: an IPv4-mapped IPv6 address is an IPv4 connection for every mechanism and macro.
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var session = new Session(this, ip);
        var context = new SpfMacroContext(
            ip, sender, helo, DomainNames.Normalize(domain), _options.ReceivingHost, _options.Time.GetUtcNow(),
            session.ValidatedDomainAsync);
        try
        {
            var outcome = await session.EvaluateAsync(context, cancellationToken).ConfigureAwait(false);
            string? explanation = null;
            if (outcome.Result == SpfResult.Fail)
            {
                explanation = await ExplainAsync(outcome, cancellationToken).ConfigureAwait(false)
                              ?? _options.DefaultExplanation;
            }

            return new SpfCheckResult(
                outcome.Result, domain, explanation, outcome.Reason, outcome.Matched?.Text,
                session.Lookups, session.Voids);
        }
        catch (SpfAbortException e)
        {
            return new SpfCheckResult(e.Result, domain, null, e.Message, null, session.Lookups, session.Voids);
        }
    }

    /// <summary>RFC 7208 §6.2: any problem with exp= means "proceed as if there were none".</summary>
    private async Task<string?> ExplainAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Record?.Explanation is not { Parsed: { } spec } || outcome.Context is null)
        {
            return null;
        }

        try
        {
            var name = DomainNames.TruncateLeft(await spec.ExpandAsync(outcome.Context, cancellationToken)
                .ConfigureAwait(false));
            if (!DomainNames.IsQueryable(name))
            {
                return null;
            }

            var txt = await _resolver.LookupTxtAsync(DomainNames.Normalize(name), cancellationToken)
                .ConfigureAwait(false);
            if (txt.Status != LookupStatus.Found || txt.Records.Count != 1)
            {
                return null;
            }

            var text = SpfMacroString.Parse(txt.Records[0], explanation: true);
            return await text.ExpandAsync(outcome.Context, cancellationToken).ConfigureAwait(false);
        }
        catch (SpfSyntaxException)
        {
            return null;
        }
    }

    private sealed record Outcome(
        SpfResult Result, string Reason, SpfMechanism? Matched, SpfRecord? Record, SpfMacroContext? Context);

    /// <summary>The state of one check_host() call: counters shared by every include and redirect.</summary>
    private sealed class Session(SpfEvaluator owner, IPAddress ip)
    {
        private readonly List<string> _chain = [];
        private IReadOnlyList<string>? _validatedNames;

        public int Lookups { get; private set; }

        public int Voids { get; private set; }

        private IPostureResolver Resolver => owner._resolver;

        private SpfEvaluatorOptions Options => owner._options;

        private bool IsV4 => ip.AddressFamily == AddressFamily.InterNetwork;

        public async Task<Outcome> EvaluateAsync(SpfMacroContext context, CancellationToken cancellationToken)
        {
            var domain = context.Domain;
            if (!DomainNames.IsMultiLabelDomain(domain))
            {
                return new Outcome(SpfResult.None, $"'{domain}' is not a valid multi-label domain name", null, null, null);
            }

            var txt = await Resolver.LookupTxtAsync(domain, cancellationToken).ConfigureAwait(false);
            if (txt.Status == LookupStatus.Failure)
            {
                throw new SpfAbortException(
                    SpfResult.TempError, $"the TXT lookup of {domain} failed: {txt.Error ?? "no answer"}");
            }

            var spf = txt.Records.Where(SpfRecord.IsSpfRecord).ToList();
            if (spf.Count == 0)
            {
                var why = txt.Status == LookupStatus.NxDomain ? "does not exist" : "has no SPF record";
                return new Outcome(SpfResult.None, $"{domain} {why}", null, null, null);
            }

            if (spf.Count > 1)
            {
                throw new SpfAbortException(
                    SpfResult.PermError, $"{domain} has {spf.Count} SPF records; there must be exactly one");
            }

            var parsed = SpfRecord.Parse(spf[0]);
            if (parsed.Record is not { } record)
            {
                throw new SpfAbortException(SpfResult.PermError, $"the SPF record of {domain}: {parsed.Error}");
            }

            _chain.Add(domain);
            try
            {
                foreach (var mechanism in record.Mechanisms)
                {
                    if (await MatchesAsync(mechanism, context, cancellationToken).ConfigureAwait(false))
                    {
                        return new Outcome(
                            ToResult(mechanism.Qualifier), $"{domain}: '{mechanism.Text}' matched", mechanism,
                            record, context);
                    }
                }

                if (record.Redirect is { Parsed: { } redirectSpec } redirect)
                {
                    CountLookup(redirect.Text);
                    var target = await ExpandTargetAsync(redirectSpec, context, cancellationToken).ConfigureAwait(false);
                    var inner = await EvaluateAsync(context.WithDomain(target), cancellationToken).ConfigureAwait(false);
                    if (inner.Result == SpfResult.None)
                    {
                        throw new SpfAbortException(
                            SpfResult.PermError, $"{domain}: '{redirect.Text}' leads to no SPF record ({inner.Reason})");
                    }

                    return inner;
                }

                return new Outcome(SpfResult.Neutral, $"{domain}: no mechanism matched", null, record, context);
            }
            finally
            {
                _chain.RemoveAt(_chain.Count - 1);
            }
        }

        private async Task<bool> MatchesAsync(SpfMechanism m, SpfMacroContext context, CancellationToken ct)
        {
            switch (m.Kind)
            {
                case SpfMechanismKind.All:
                    return true;

                case SpfMechanismKind.Ip4:
                case SpfMechanismKind.Ip6:
                    return m.Network!.Value.Contains(ip);

                case SpfMechanismKind.A:
                {
                    CountLookup(m.Text);
                    var name = await ExpandTargetAsync(m.Target, context, ct).ConfigureAwait(false);
                    var addresses = await AddressesAsync(name, m.Text, countVoid: true, ct).ConfigureAwait(false);
                    return addresses.Any(a => InCidr(a, m));
                }

                case SpfMechanismKind.Mx:
                {
                    CountLookup(m.Text);
                    var name = await ExpandTargetAsync(m.Target, context, ct).ConfigureAwait(false);
                    var mx = DomainNames.IsQueryable(name)
                        ? await Resolver.LookupMxAsync(name, ct).ConfigureAwait(false)
                        : LookupResult<MxHost>.NxDomain();
                    Check(mx, $"'{m.Text}': the MX lookup of {name}");
                    if (mx.IsVoid)
                    {
                        CountVoid(m.Text, name);
                        return false;
                    }

                    if (mx.Records.Count > Options.MaxMxNames)
                    {
                        throw new SpfAbortException(
                            SpfResult.PermError,
                            $"'{m.Text}': {name} has {mx.Records.Count} MX records; at most {Options.MaxMxNames} " +
                            "may be looked up (RFC 7208 §4.6.4)");
                    }

                    foreach (var host in mx.Records.OrderBy(r => r.Preference))
                    {
                        var exchange = DomainNames.Normalize(host.Host);
                        if (exchange.Length == 0)
                        {
                            continue; // null MX (RFC 7505): no host to authorize
                        }

                        var addresses = await AddressesAsync(exchange, m.Text, countVoid: false, ct).ConfigureAwait(false);
                        if (addresses.Any(a => InCidr(a, m)))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                case SpfMechanismKind.Ptr:
                {
                    CountLookup(m.Text);
                    var target = await ExpandTargetAsync(m.Target, context, ct).ConfigureAwait(false);
                    var ptr = await Resolver.LookupPtrAsync(ReverseName.For(ip), ct).ConfigureAwait(false);
                    if (ptr.Status == LookupStatus.Failure)
                    {
                        return false; // RFC 7208 §5.5: a DNS error on the PTR lookup means no match
                    }

                    if (ptr.IsVoid)
                    {
                        CountVoid(m.Text, ReverseName.For(ip));
                        return false;
                    }

                    foreach (var name in ptr.Records.Take(Options.MaxPtrNames))
                    {
                        if (DomainNames.IsAtOrBelow(name, target) &&
                            await IsValidatedAsync(name, ct).ConfigureAwait(false))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                case SpfMechanismKind.Exists:
                {
                    CountLookup(m.Text);
                    var name = await ExpandTargetAsync(m.Target, context, ct).ConfigureAwait(false);
                    var a = DomainNames.IsQueryable(name)
                        ? await Resolver.LookupAAsync(name, ct).ConfigureAwait(false)
                        : LookupResult<IPAddress>.NxDomain();
                    Check(a, $"'{m.Text}': the A lookup of {name}");
                    if (a.IsVoid)
                    {
                        CountVoid(m.Text, name);
                        return false;
                    }

                    return true;
                }

                case SpfMechanismKind.Include:
                {
                    CountLookup(m.Text);
                    var target = await ExpandTargetAsync(m.Target, context, ct).ConfigureAwait(false);
                    var inner = await EvaluateAsync(context.WithDomain(target), ct).ConfigureAwait(false);
                    return inner.Result switch
                    {
                        SpfResult.Pass => true,
                        SpfResult.None => throw new SpfAbortException(
                            SpfResult.PermError, $"'{m.Text}': {inner.Reason}; an include target must have an SPF record"),
                        _ => false,
                    };
                }

                default:
                    throw new InvalidOperationException($"unhandled mechanism {m.Kind}");
            }
        }

        /// <summary>%{p} (RFC 7208 §7.3): a validated PTR name, preferring &lt;domain&gt; itself, then a subdomain.</summary>
        public async Task<string> ValidatedDomainAsync(string domain, CancellationToken ct)
        {
            if (_validatedNames is null)
            {
                var validated = new List<string>();
                var ptr = await Resolver.LookupPtrAsync(ReverseName.For(ip), ct).ConfigureAwait(false);
                foreach (var name in ptr.Records.Take(Options.MaxPtrNames))
                {
                    if (await IsValidatedAsync(name, ct).ConfigureAwait(false))
                    {
                        validated.Add(DomainNames.Normalize(name));
                    }
                }

                _validatedNames = validated;
            }

            var d = DomainNames.Normalize(domain);
            return _validatedNames.FirstOrDefault(n => n == d)
                   ?? _validatedNames.FirstOrDefault(n => DomainNames.IsAtOrBelow(n, d))
                   ?? _validatedNames.FirstOrDefault()
                   ?? "unknown";
        }

        /// <summary>A PTR name is validated when its own A/AAAA records include the IP; errors just skip it.</summary>
        private async Task<bool> IsValidatedAsync(string name, CancellationToken ct)
        {
            var n = DomainNames.Normalize(name);
            if (!DomainNames.IsQueryable(n))
            {
                return false;
            }

            var result = IsV4
                ? await Resolver.LookupAAsync(n, ct).ConfigureAwait(false)
                : await Resolver.LookupAaaaAsync(n, ct).ConfigureAwait(false);
            return result.Status == LookupStatus.Found && result.Records.Any(a => a.Equals(ip));
        }

        private async Task<IReadOnlyList<IPAddress>> AddressesAsync(
            string name, string term, bool countVoid, CancellationToken ct)
        {
            var result = !DomainNames.IsQueryable(name)
                ? LookupResult<IPAddress>.NxDomain()
                : IsV4
                    ? await Resolver.LookupAAsync(name, ct).ConfigureAwait(false)
                    : await Resolver.LookupAaaaAsync(name, ct).ConfigureAwait(false);
            Check(result, $"'{term}': the {(IsV4 ? "A" : "AAAA")} lookup of {name}");
            if (result.IsVoid && countVoid)
            {
                CountVoid(term, name);
            }

            return result.Records;
        }

        private bool InCidr(IPAddress address, SpfMechanism m)
        {
            if (address.AddressFamily != ip.AddressFamily)
            {
                return false;
            }

            var prefix = IsV4 ? m.Ip4PrefixLength : m.Ip6PrefixLength;
            return new IpNetwork(address, prefix).Contains(ip);
        }

        private async Task<string> ExpandTargetAsync(SpfMacroString? spec, SpfMacroContext context, CancellationToken ct)
        {
            if (spec is null)
            {
                return context.Domain;
            }

            var expanded = await spec.ExpandAsync(context, ct).ConfigureAwait(false);
            return DomainNames.Normalize(DomainNames.TruncateLeft(expanded));
        }

        private void CountLookup(string term)
        {
            Lookups++;
            if (Lookups > Options.MaxDnsLookups)
            {
                throw new SpfAbortException(
                    SpfResult.PermError,
                    $"'{term}' in {string.Join(" → ", _chain)} needs DNS lookup number {Lookups}; at most " +
                    $"{Options.MaxDnsLookups} terms that query DNS (include, a, mx, ptr, exists, redirect) are allowed " +
                    "(RFC 7208 §4.6.4)");
            }
        }

        private void CountVoid(string term, string name)
        {
            Voids++;
            if (Voids > Options.MaxVoidLookups)
            {
                throw new SpfAbortException(
                    SpfResult.PermError,
                    $"'{term}' in {string.Join(" → ", _chain)}: {name} returned no records, void lookup number " +
                    $"{Voids}; at most {Options.MaxVoidLookups} are allowed (RFC 7208 §4.6.4)");
            }
        }

        private static void Check<T>(LookupResult<T> result, string what)
        {
            if (result.Status == LookupStatus.Failure)
            {
                throw new SpfAbortException(SpfResult.TempError, $"{what} failed: {result.Error ?? "no answer"}");
            }
        }

        private static SpfResult ToResult(SpfQualifier q) => q switch
        {
            SpfQualifier.Pass => SpfResult.Pass,
            SpfQualifier.Fail => SpfResult.Fail,
            SpfQualifier.SoftFail => SpfResult.SoftFail,
            _ => SpfResult.Neutral,
        };
    }
}
