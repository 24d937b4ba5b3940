using System.Net;

namespace Reconciler.Posture;

/// <summary>
/// The DNS questions the posture checks ask. The project's DNS client implements it in production; tests serve an
/// in-memory zone. Implementations behave like a recursive resolver: names are case-insensitive, a trailing dot is
/// optional, and for every type but CNAME a CNAME chain is followed (a loop or an over-long chain is a Failure).
/// </summary>
public interface IPostureResolver
{
    /// <summary>TXT records of <paramref name="name"/>; each record's character-strings joined with no separator
    /// (RFC 7208 §3.3).</summary>
    Task<LookupResult<string>> LookupTxtAsync(string name, CancellationToken cancellationToken);

    Task<LookupResult<IPAddress>> LookupAAsync(string name, CancellationToken cancellationToken);

    Task<LookupResult<IPAddress>> LookupAaaaAsync(string name, CancellationToken cancellationToken);

    Task<LookupResult<MxHost>> LookupMxAsync(string name, CancellationToken cancellationToken);

    /// <summary>PTR records of a reverse name such as <c>4.3.2.1.in-addr.arpa</c> (see <see cref="ReverseName"/>).</summary>
    Task<LookupResult<string>> LookupPtrAsync(string name, CancellationToken cancellationToken);

    /// <summary>The CNAME target of <paramref name="name"/> itself (not followed).</summary>
    Task<LookupResult<string>> LookupCnameAsync(string name, CancellationToken cancellationToken);
}
