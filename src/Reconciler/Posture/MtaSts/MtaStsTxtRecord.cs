namespace Reconciler.Posture.MtaSts;

/// <summary>The _mta-sts TXT record (RFC 8461 §3.1).</summary>
/// <param name="Text">As published.</param>
/// <param name="Id">The policy id (1 to 32 letters and digits).</param>
/// <param name="Extensions">Other fields, which senders ignore.</param>
public sealed record MtaStsTxtRecord(string Text, string Id, IReadOnlyDictionary<string, string> Extensions)
{
    /// <summary>Senders discard TXT records at _mta-sts that do not begin with "v=STSv1;".</summary>
    public static bool IsMtaStsRecord(string txt) => txt.StartsWith("v=STSv1;", StringComparison.Ordinal) ||
                                                     txt == "v=STSv1" ||
                                                     txt.StartsWith("v=STSv1 ", StringComparison.Ordinal) ||
                                                     txt.StartsWith("v=STSv1\t", StringComparison.Ordinal);
}
