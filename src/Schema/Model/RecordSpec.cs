using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <summary>
/// One desired record set as written (or generated from the mail section): name relative to the domain or '@' or
/// absolute; values in presentation format (TXT: the text itself).
/// </summary>
/// <param name="Origin">Where it came from: <c>dns.records</c>, or the mail setting that generates it (<c>mail.mx</c>, <c>mail.spf</c> …).</param>
public sealed record RecordSpec(
    string Name,
    string Type,
    int? Ttl,
    IReadOnlyList<string> Values,
    string Origin,
    SourcePosition Position,
    string? Comment = null)
{
    public const string FromDnsRecords = "dns.records";
}
