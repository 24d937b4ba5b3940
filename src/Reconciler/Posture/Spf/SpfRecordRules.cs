namespace Reconciler.Posture.Spf;

/// <summary>Rules that need only the record text; shared by the manifest check and the DNS analysis.</summary>
internal static class SpfRecordRules
{
    /// <summary>Below these prefix lengths a Pass range is reported as very broad.</summary>
    public const int BroadIPv4Prefix = 8;

    public const int BroadIPv6Prefix = 16;

    /// <summary>RFC 7208 §3.4: keep the record small enough for a 512-octet UDP answer.</summary>
    public const int LargeRecordOctets = 450;

    /// <param name="record">The record.</param>
    /// <param name="where">How messages name the record, e.g. "the SPF record of example.com".</param>
    /// <param name="isPolicyRoot">True for the record whose result is the answer (the domain's own or a redirect
    /// target); false for an included record, where a missing or neutral all is normal.</param>
    public static IEnumerable<PostureFinding> Check(SpfRecord record, string where, bool isPolicyRoot)
    {
        var mechanisms = record.Mechanisms;
        var alls = mechanisms.Where(m => m.Kind == SpfMechanismKind.All).ToList();
        foreach (var all in alls.Where(a => a.Qualifier == SpfQualifier.Pass))
        {
            yield return PostureCatalogue.SpfPassAll.Report(
                isPolicyRoot
                    ? $"{where} ends in '{all.Text}', so every host on the Internet passes"
                    : $"{where} has '{all.Text}': every include of it passes for every host");
        }

        if (isPolicyRoot)
        {
            foreach (var all in alls.Where(a => a.Qualifier == SpfQualifier.Neutral))
            {
                yield return PostureCatalogue.SpfNeutralAll.Report(
                    $"{where} ends in '{all.Text}': unlisted hosts get Neutral, the same as having no SPF");
            }
        }

        if (alls.Count > 1)
        {
            yield return PostureCatalogue.SpfAllNotLast.Report(
                $"{where} has {alls.Count} all mechanisms ({string.Join(", ", alls.Select(a => a.Text))}); " +
                "only the first is ever used");
        }
        else if (alls.Count == 1 && mechanisms[^1] != alls[0])
        {
            var after = mechanisms.SkipWhile(m => m != alls[0]).Skip(1).Select(m => m.Text);
            yield return PostureCatalogue.SpfAllNotLast.Report(
                $"{where}: '{string.Join(" ", after)}' after '{alls[0].Text}' is never evaluated");
        }

        if (isPolicyRoot && alls.Count == 0 && record.Redirect is null)
        {
            yield return PostureCatalogue.SpfNoAll.Report(
                $"{where} has no all mechanism and no redirect=, so unlisted hosts get Neutral");
        }

        if (alls.Count > 0 && record.Redirect is { } redirect)
        {
            yield return PostureCatalogue.SpfRedirectIgnored.Report(
                $"{where}: '{redirect.Text}' is ignored because '{alls[0].Text}' always matches first");
        }

        foreach (var ptr in mechanisms.Where(m => m.Kind == SpfMechanismKind.Ptr))
        {
            yield return PostureCatalogue.SpfPtr.Report(
                $"{where} uses '{ptr.Text}'; receivers may skip it and it costs many lookups");
        }

        foreach (var ip in mechanisms.Where(m => m.Network is not null))
        {
            var network = ip.Network!.Value;
            if (network.HasHostBits)
            {
                yield return PostureCatalogue.SpfHostBits.Report(
                    $"{where}: '{ip.Text}' has host bits set; it means {network.Normalized}");
            }

            var broad = network.IsIPv4 ? BroadIPv4Prefix : BroadIPv6Prefix;
            if (ip.Qualifier == SpfQualifier.Pass && network.PrefixLength < broad)
            {
                yield return PostureCatalogue.SpfBroadRange.Report(
                    $"{where}: '{ip.Text}' authorizes a /{network.PrefixLength} " +
                    $"(prefixes shorter than /{broad} are reported)");
            }
        }

        foreach (var modifier in record.UnknownModifiers)
        {
            yield return PostureCatalogue.SpfUnknownModifier.Report($"{where}: '{modifier.Text}' is not a modifier SPF defines");
        }

        var octets = record.Text.Length;
        if (octets > 255)
        {
            yield return PostureCatalogue.SpfLongString.Report(
                $"{where} is {octets} octets; it must be published as {TxtStrings.Count(octets)} strings of at most 255");
        }

        if (octets > LargeRecordOctets)
        {
            yield return PostureCatalogue.SpfLargeRecord.Report(
                $"{where} is {octets} octets (over {LargeRecordOctets}); the DNS answer may not fit 512 octets over UDP");
        }
    }
}
