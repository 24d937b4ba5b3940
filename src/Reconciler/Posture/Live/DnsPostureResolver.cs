using System.Globalization;
using System.Net;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;

namespace Reconciler.Posture.Live;

/// <summary>
/// <see cref="IPostureResolver"/> over our DNS client: each question goes to one server (a recursive resolver, or an
/// authoritative server for the zones concerned) with RD set. CNAMEs are followed inside an answer and, when the
/// chain leaves it, by asking again for the target, as a stub resolver does; a loop or a chain longer than
/// <see cref="MaxCnameHops"/> is a Failure.
/// </summary>
public sealed class DnsPostureResolver(DnsClient client) : IPostureResolver
{
    public const int MaxCnameHops = 8;

    public Task<LookupResult<string>> LookupTxtAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, RecordType.TXT, d => d is TxtData t ? t.Value : null, cancellationToken);

    public Task<LookupResult<IPAddress>> LookupAAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, RecordType.A, d => d is AData a ? a.Address : null, cancellationToken);

    public Task<LookupResult<IPAddress>> LookupAaaaAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, RecordType.AAAA, d => d is AaaaData a ? a.Address : null, cancellationToken);

    public Task<LookupResult<MxHost>> LookupMxAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, RecordType.MX, d => d is MxData m ? new MxHost(m.Preference, m.Exchange.IsRoot ? "." : Text(m.Exchange)) : null, cancellationToken);

    public Task<LookupResult<string>> LookupPtrAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, RecordType.PTR, d => d is PtrData p ? Text(p.Target) : null, cancellationToken);

    public Task<LookupResult<string>> LookupCnameAsync(string name, CancellationToken cancellationToken) =>
        LookupAsync(name, RecordType.CNAME, d => d is CnameData c ? Text(c.Target) : null, cancellationToken);

    private async Task<LookupResult<T>> LookupAsync<T>(string name, RecordType type, Func<RecordData, T?> select, CancellationToken ct)
        where T : class
    {
        var text = name.EndsWith('.') ? name : name + ".";
        if (!DnsName.TryParse(text, null, out var current))
        {
            return LookupResult<T>.Failure($"'{name}' is not a domain name");
        }

        var seen = new HashSet<DnsName> { current };
        for (var hop = 0; hop <= MaxCnameHops; hop++)
        {
            DnsMessage response;
            try
            {
                response = await client.ExchangeAsync(DnsMessage.Query(0, current, type, DnsClass.IN, recursionDesired: true), sign: false, ct).ConfigureAwait(false);
            }
            catch (DnsException e)
            {
                return LookupResult<T>.Failure(e.Message);
            }

            if (response.ResponseCode is not (DnsResponseCode.NoError or DnsResponseCode.NXDomain))
            {
                return LookupResult<T>.Failure($"{client.Server} answered {response.ResponseCode.ToString().ToUpperInvariant()} for {Text(current)} {type}");
            }

            var answers = response.Answers.Where(r => r.Class == DnsClass.IN && r.Data is not null).ToList();
            var owner = current;
            while (type != RecordType.CNAME && answers.FirstOrDefault(r => r.Name == owner && r.Data is CnameData) is { Data: CnameData cname })
            {
                owner = cname.Target;
                if (!seen.Add(owner) || seen.Count > MaxCnameHops + 1)
                {
                    return LookupResult<T>.Failure($"CNAME loop or chain of more than {MaxCnameHops.ToString(CultureInfo.InvariantCulture)} names at {Text(current)}");
                }
            }

            var records = answers.Where(r => r.Name == owner && r.Type == type).Select(r => select(r.Data!)).OfType<T>().ToList();
            if (records.Count > 0)
            {
                return LookupResult<T>.Found(records);
            }

            // NXDOMAIN after a chain is about its last name (RFC 6604 §2); NOERROR without data at the end of an
            // in-answer chain may just mean the server did not chase the target, so the target is asked for.
            if (owner == current || response.ResponseCode == DnsResponseCode.NXDomain)
            {
                return response.ResponseCode == DnsResponseCode.NXDomain ? LookupResult<T>.NxDomain() : LookupResult<T>.NoData();
            }

            current = owner; // the chain leaves this answer: ask for its target
        }

        return LookupResult<T>.Failure($"CNAME chain of more than {MaxCnameHops.ToString(CultureInfo.InvariantCulture)} names at {name}");
    }

    private static string Text(DnsName name) => name.ToString().TrimEnd('.');
}
