namespace Reconciler.Posture.Spf;

/// <summary>Checks an SPF record text without DNS: what the manifest validator can know before anything is
/// published.</summary>
public static class SpfRecordCheck
{
    public static SpfRecordCheckResult Check(string recordText, string? domain = null)
    {
        var where = domain is null ? "the SPF record" : $"the SPF record of {domain}";
        var parsed = SpfRecord.Parse(recordText);
        if (parsed.Record is not { } record)
        {
            return new SpfRecordCheckResult(null, 0, false, [PostureCatalogue.SpfSyntax.Report($"{where}: {parsed.Error}")]);
        }

        var findings = SpfRecordRules.Check(record, where, isPolicyRoot: true).ToList();
        var count = record.DnsTermCount;
        if (count > 10)
        {
            var terms = record.Terms.Where(t => t is SpfMechanism { QueriesDns: true } || t is SpfModifier { IsRedirect: true })
                .Select(t => t.Text);
            findings.Add(PostureCatalogue.SpfTooManyLookups.Report(
                $"{where} itself has {count} terms that query DNS ({string.Join(" ", terms)}); at most 10 are allowed"));
        }

        var mechanisms = record.Mechanisms;
        var alls = mechanisms.Count(m => m.Kind == SpfMechanismKind.All);
        var trailing = alls == 1 && mechanisms[^1].Kind == SpfMechanismKind.All;
        return new SpfRecordCheckResult(record, count, trailing, findings.OrderByDescending(f => f.Severity).ToList());
    }
}
