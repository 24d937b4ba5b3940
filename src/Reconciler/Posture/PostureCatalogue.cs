namespace Reconciler.Posture;

/// <summary>
/// Every posture rule, once: code, severity, source and fix hint. Checks report through these entries so that the
/// same codes come out of manifest validation and live DNS checks. Codes are stable: add new ones, never renumber.
/// </summary>
public static class PostureCatalogue
{
    private const string Spf = "RFC 7208";
    private const string Dmarc = "RFC 7489";
    private const string Dkim = "RFC 6376";
    private const string Sts = "RFC 8461";
    private const string TlsRpt = "RFC 8460";

    // SPF (RFC 7208)
    public static readonly PostureRule SpfSyntax = new("SPF001", FindingSeverity.Error, "SPF record syntax error",
        $"{Spf} §4.6, §12", "Correct the term named; any syntax error makes the whole record a PermError.");

    public static readonly PostureRule SpfMultipleRecords = new("SPF002", FindingSeverity.Error,
        "More than one SPF record", $"{Spf} §4.5",
        "Merge them into a single TXT record starting with v=spf1.");

    public static readonly PostureRule SpfTooManyLookups = new("SPF003", FindingSeverity.Error,
        "More than 10 DNS-querying terms", $"{Spf} §4.6.4",
        "Drop unused includes, replace a/mx with ip4/ip6, or flatten the include chain named.");

    public static readonly PostureRule SpfTooManyVoidLookups = new("SPF004", FindingSeverity.Error,
        "More than 2 void lookups", $"{Spf} §4.6.4", "Remove the terms that point at names with no records.");

    public static readonly PostureRule SpfPassAll = new("SPF005", FindingSeverity.Error,
        "+all authorizes every host on the Internet", $"{Spf} §5.1", "Use -all (or ~all while testing).");

    public static readonly PostureRule SpfNeutralAll = new("SPF006", FindingSeverity.Warning,
        "?all gives no protection", $"{Spf} §5.1, §8.2", "Use -all or ~all once every sender is listed.");

    public static readonly PostureRule SpfPtr = new("SPF007", FindingSeverity.Warning,
        "ptr mechanism is slow and unreliable", $"{Spf} §5.5", "Replace ptr with ip4/ip6 or a mechanisms.");

    public static readonly PostureRule SpfNoAll = new("SPF008", FindingSeverity.Warning,
        "No all mechanism and no redirect: the default result is Neutral", $"{Spf} §4.7",
        "End the record with -all (or ~all).");

    public static readonly PostureRule SpfAllNotLast = new("SPF009", FindingSeverity.Error,
        "all is repeated or not the last mechanism", $"{Spf} §5.1",
        "Keep one all as the last mechanism; terms after it are never evaluated.");

    public static readonly PostureRule SpfRedirectIgnored = new("SPF010", FindingSeverity.Warning,
        "redirect= is ignored because the record has all", $"{Spf} §6.1", "Remove either the redirect= or the all.");

    public static readonly PostureRule SpfLongString = new("SPF011", FindingSeverity.Info,
        "Record longer than 255 octets", $"{Spf} §3.3",
        "Publish it as several character-strings of at most 255 octets in one TXT record.");

    public static readonly PostureRule SpfLargeRecord = new("SPF012", FindingSeverity.Warning,
        "Record too large to fit a 512-octet DNS answer comfortably", $"{Spf} §3.4",
        "Keep the record under 450 octets, e.g. move ranges into an included record.");

    public static readonly PostureRule SpfDuplicateRange = new("SPF013", FindingSeverity.Warning,
        "Duplicate ip4/ip6 range", $"{Spf} §5.6", "Remove the duplicate.");

    public static readonly PostureRule SpfOverlappingRange = new("SPF014", FindingSeverity.Info,
        "ip4/ip6 range covered by another", $"{Spf} §5.6", "Remove the range that the larger one already covers.");

    public static readonly PostureRule SpfIncludeWithoutRecord = new("SPF015", FindingSeverity.Error,
        "include target has no SPF record (PermError)", $"{Spf} §5.2",
        "Correct the include domain or remove the include.");

    public static readonly PostureRule SpfLookupFailed = new("SPF016", FindingSeverity.Warning,
        "A DNS lookup failed (TempError)", $"{Spf} §2.6.6, §5",
        "Check the name servers of the name given and try again.");

    public static readonly PostureRule SpfLoop = new("SPF017", FindingSeverity.Error,
        "include/redirect loop", $"{Spf} §4.6.4", "Break the loop: a domain must not include itself.");

    public static readonly PostureRule SpfTooManyMx = new("SPF018", FindingSeverity.Error,
        "mx target has more than 10 MX records (PermError)", $"{Spf} §4.6.4",
        "List the mail hosts with ip4/ip6 instead of mx.");

    public static readonly PostureRule SpfHostBits = new("SPF019", FindingSeverity.Info,
        "Network written with host bits set", $"{Spf} §5.6", "Write the network address, e.g. 192.0.2.0/24.");

    public static readonly PostureRule SpfMissing = new("SPF020", FindingSeverity.Error,
        "No SPF record", $"{Spf} §4.5, §2.6.1",
        "Publish a TXT record \"v=spf1 ... -all\" (\"v=spf1 -all\" if the domain sends no mail).");

    public static readonly PostureRule SpfBroadRange = new("SPF021", FindingSeverity.Warning,
        "Very broad ip4/ip6 range", $"{Spf} §5.6", "Narrow the range to the hosts that actually send mail.");

    public static readonly PostureRule SpfRedirectWithoutRecord = new("SPF022", FindingSeverity.Error,
        "redirect target has no SPF record (PermError)", $"{Spf} §6.1",
        "Correct the redirect domain or replace the redirect with mechanisms.");

    public static readonly PostureRule SpfMacroTerm = new("SPF023", FindingSeverity.Info,
        "Term depends on macros; not followed", $"{Spf} §7",
        "Nothing, but it cannot be checked or flattened without a message.");

    public static readonly PostureRule SpfVoidTarget = new("SPF024", FindingSeverity.Warning,
        "a/mx/include target has no records (void lookup)", $"{Spf} §4.6.4",
        "Remove the term or publish the records it points at.");

    public static readonly PostureRule SpfFlattenSplit = new("SPF025", FindingSeverity.Info,
        "Flattened policy needs several TXT records", $"{Spf} §3.4",
        "Publish the extra records named and keep them in step with the senders' ranges.");

    public static readonly PostureRule SpfFlattenKept = new("SPF026", FindingSeverity.Warning,
        "Term kept unflattened (depends on the message or on a nested macro)", $"{Spf} §5.5, §5.7, §7",
        "Nothing, unless the flattened record still needs more than 10 lookups.");

    public static readonly PostureRule SpfUnknownModifier = new("SPF027", FindingSeverity.Info,
        "Unknown modifier, ignored by receivers", $"{Spf} §6",
        "Remove it unless a receiver you care about uses it.");

    // DMARC (RFC 7489)
    public static readonly PostureRule DmarcMissing = new("DMARC001", FindingSeverity.Error, "No DMARC record",
        $"{Dmarc} §6.1, §6.6.3",
        "Publish \"v=DMARC1; p=none; rua=mailto:...\" at _dmarc.<domain> and tighten p over time.");

    public static readonly PostureRule DmarcMultiple = new("DMARC002", FindingSeverity.Error,
        "More than one DMARC record (receivers ignore them all)", $"{Dmarc} §6.6.3",
        "Keep exactly one TXT record starting with v=DMARC1 at _dmarc.<domain>.");

    public static readonly PostureRule DmarcVersion = new("DMARC003", FindingSeverity.Error,
        "v=DMARC1 missing or not the first tag", $"{Dmarc} §6.3, §6.4", "Start the record with \"v=DMARC1;\".");

    public static readonly PostureRule DmarcPolicyIgnored = new("DMARC004", FindingSeverity.Error,
        "p missing or invalid and no valid rua: the record is ignored", $"{Dmarc} §6.3, §6.6.3",
        "Add p=none, p=quarantine or p=reject right after v=DMARC1.");

    public static readonly PostureRule DmarcPolicyFallback = new("DMARC005", FindingSeverity.Warning,
        "p missing or invalid: receivers act as if p=none because rua is valid", $"{Dmarc} §6.6.3",
        "Add p=none, p=quarantine or p=reject right after v=DMARC1.");

    public static readonly PostureRule DmarcSubdomainPolicy = new("DMARC006", FindingSeverity.Error,
        "Invalid sp", $"{Dmarc} §6.3", "Use sp=none, sp=quarantine or sp=reject, or omit sp.");

    public static readonly PostureRule DmarcPercent = new("DMARC007", FindingSeverity.Error, "Invalid pct",
        $"{Dmarc} §6.3", "Use a whole number from 0 to 100.");

    public static readonly PostureRule DmarcAlignment = new("DMARC008", FindingSeverity.Error,
        "Invalid adkim or aspf", $"{Dmarc} §6.3", "Use r (relaxed) or s (strict).");

    public static readonly PostureRule DmarcFailureOptions = new("DMARC009", FindingSeverity.Error, "Invalid fo",
        $"{Dmarc} §6.3", "Use a colon-separated list of 0, 1, d and s.");

    public static readonly PostureRule DmarcReportFormat = new("DMARC010", FindingSeverity.Error, "Invalid rf",
        $"{Dmarc} §6.3", "Use rf=afrf or omit rf.");

    public static readonly PostureRule DmarcInterval = new("DMARC011", FindingSeverity.Error, "Invalid ri",
        $"{Dmarc} §6.3", "Use a number of seconds, e.g. ri=86400, or omit ri.");

    public static readonly PostureRule DmarcUri = new("DMARC012", FindingSeverity.Error, "Invalid rua/ruf URI",
        $"{Dmarc} §6.2, §6.3",
        "Write mailto:address@domain with an optional size such as !10m; separate URIs with commas.");

    public static readonly PostureRule DmarcUnknownTag = new("DMARC013", FindingSeverity.Warning,
        "Unknown tag, ignored", $"{Dmarc} §6.3",
        "Remove or correct the tag.");

    public static readonly PostureRule DmarcTagList = new("DMARC014", FindingSeverity.Error,
        "Malformed tag list or duplicate tag", $"{Dmarc} §6.4; {Dkim} §3.2",
        "Write each tag once as name=value, separated by ';'.");

    public static readonly PostureRule DmarcMonitoringOnly = new("DMARC015", FindingSeverity.Warning,
        "p=none only monitors", $"{Dmarc} §6.3",
        "Move to p=quarantine, then p=reject, once reports show legitimate mail aligns.");

    public static readonly PostureRule DmarcPartialPercent = new("DMARC016", FindingSeverity.Info,
        "pct below 100 applies the policy to part of the mail", $"{Dmarc} §6.3", "Raise pct to 100 when confident.");

    public static readonly PostureRule DmarcNoAggregateReports = new("DMARC017", FindingSeverity.Warning,
        "No rua: no aggregate reports", $"{Dmarc} §6.3", "Add rua=mailto:... to receive aggregate reports.");

    public static readonly PostureRule DmarcExternalUnauthorized = new("DMARC018", FindingSeverity.Error,
        "External report destination has not authorized the reports", $"{Dmarc} §7.1",
        "Ask the destination to publish TXT \"v=DMARC1\" at <domain>._report._dmarc.<destination-domain>.");

    public static readonly PostureRule DmarcExternalUnknown = new("DMARC019", FindingSeverity.Warning,
        "Could not verify an external report destination (DNS failure)", $"{Dmarc} §7.1",
        "Try again; check the destination domain's name servers.");

    public static readonly PostureRule DmarcNonMailtoUri = new("DMARC020", FindingSeverity.Warning,
        "Report URI is not mailto:", $"{Dmarc} §6.2", "Use mailto: URIs; receivers only have to support mailto.");

    public static readonly PostureRule DmarcFoWithoutRuf = new("DMARC021", FindingSeverity.Info,
        "fo has no effect without ruf", $"{Dmarc} §6.3", "Add ruf= or remove fo=.");

    public static readonly PostureRule DmarcWeakSubdomainPolicy = new("DMARC022", FindingSeverity.Info,
        "sp is weaker than p", $"{Dmarc} §6.3", "Make sp at least as strict as p unless subdomains need otherwise.");

    public static readonly PostureRule DmarcLookupFailed = new("DMARC023", FindingSeverity.Warning,
        "DNS lookup of the DMARC record failed", $"{Dmarc} §6.6.3", "Check the domain's name servers and try again.");

    // DKIM (RFC 6376, RFC 8301, RFC 8463)
    public static readonly PostureRule DkimMissing = new("DKIM001", FindingSeverity.Error,
        "No DKIM key record for the selector", $"{Dkim} §3.6.2",
        "Publish the selector's public key at <selector>._domainkey.<domain>.");

    public static readonly PostureRule DkimVersion = new("DKIM002", FindingSeverity.Error,
        "v= is not DKIM1 or not the first tag", $"{Dkim} §3.6.1", "Start the record with \"v=DKIM1;\" or omit v=.");

    public static readonly PostureRule DkimNoKey = new("DKIM003", FindingSeverity.Error, "p= missing",
        $"{Dkim} §3.6.1", "Add p= with the base64 public key.");

    public static readonly PostureRule DkimRevoked = new("DKIM004", FindingSeverity.Warning,
        "Key revoked (empty p=)", $"{Dkim} §3.6.1",
        "Fine for a retired selector; make sure nothing still signs with it.");

    public static readonly PostureRule DkimBadBase64 = new("DKIM005", FindingSeverity.Error,
        "p= is not valid base64", $"{Dkim} §3.6.1",
        "Copy the key again, without quotes or stray characters inside the base64.");

    public static readonly PostureRule DkimBadRsaKey = new("DKIM006", FindingSeverity.Error,
        "RSA key cannot be decoded", $"{Dkim} §3.6.1",
        "Publish the DER SubjectPublicKeyInfo in base64 (the PEM body without its header lines).");

    public static readonly PostureRule DkimRsaTooShort = new("DKIM007", FindingSeverity.Error,
        "RSA key shorter than 1024 bits", "RFC 8301 §3.2", "Generate a 2048-bit key and rotate the selector.");

    public static readonly PostureRule DkimRsaWeak = new("DKIM008", FindingSeverity.Warning,
        "RSA key shorter than 2048 bits", "RFC 8301 §3.2", "Generate a 2048-bit key and rotate the selector.");

    public static readonly PostureRule DkimBadEd25519Key = new("DKIM009", FindingSeverity.Error,
        "Ed25519 key is not 32 bytes", "RFC 8463 §4.2",
        "Publish the raw 32-byte public key in base64, not a SubjectPublicKeyInfo.");

    public static readonly PostureRule DkimKeyType = new("DKIM010", FindingSeverity.Error, "Unknown key type k=",
        $"{Dkim} §3.6.1; RFC 8463 §4.2", "Use k=rsa or k=ed25519.");

    public static readonly PostureRule DkimTesting = new("DKIM011", FindingSeverity.Warning,
        "t=y: the domain is testing DKIM", $"{Dkim} §3.6.1", "Remove t=y once signing works.");

    public static readonly PostureRule DkimSha1Only = new("DKIM012", FindingSeverity.Warning,
        "h= allows only SHA-1", "RFC 8301 §3.1", "Use h=sha256 or omit h=.");

    public static readonly PostureRule DkimNotForEmail = new("DKIM013", FindingSeverity.Error,
        "s= excludes email", $"{Dkim} §3.6.1", "Use s=email or s=*, or omit s=.");

    public static readonly PostureRule DkimUnknownTag = new("DKIM014", FindingSeverity.Info,
        "Unknown tag, ignored", $"{Dkim} §3.6.1", "Remove it.");

    public static readonly PostureRule DkimTagList = new("DKIM015", FindingSeverity.Error,
        "Malformed tag list or duplicate tag", $"{Dkim} §3.2",
        "Write each tag once as name=value, separated by ';'.");

    public static readonly PostureRule DkimMultiple = new("DKIM016", FindingSeverity.Error,
        "More than one TXT record at the selector", $"{Dkim} §3.6.2.2",
        "Keep a single key record per selector.");

    public static readonly PostureRule DkimUnknownHash = new("DKIM017", FindingSeverity.Error,
        "h= lists no known hash algorithm", $"{Dkim} §3.6.1", "Use h=sha256 or omit h=.");

    public static readonly PostureRule DkimLookupFailed = new("DKIM018", FindingSeverity.Warning,
        "DNS lookup of the key record failed", $"{Dkim} §6.1.2", "Check the domain's name servers and try again.");

    // MTA-STS (RFC 8461)
    public static readonly PostureRule MtaStsMissing = new("MTASTS001", FindingSeverity.Error,
        "No MTA-STS TXT record", $"{Sts} §3.1", "Publish _mta-sts.<domain> TXT \"v=STSv1; id=<policy id>;\".");

    public static readonly PostureRule MtaStsMultiple = new("MTASTS002", FindingSeverity.Error,
        "More than one v=STSv1 record (senders ignore MTA-STS)", $"{Sts} §3.1", "Keep exactly one.");

    public static readonly PostureRule MtaStsTxtSyntax = new("MTASTS003", FindingSeverity.Error,
        "MTA-STS TXT record malformed", $"{Sts} §3.1", "Write \"v=STSv1; id=<policy id>;\" with v first.");

    public static readonly PostureRule MtaStsId = new("MTASTS004", FindingSeverity.Error,
        "id missing or invalid", $"{Sts} §3.1",
        "Use 1 to 32 letters and digits (e.g. 20240131120000) and change it whenever the policy changes.");

    public static readonly PostureRule MtaStsPolicyVersion = new("MTASTS005", FindingSeverity.Error,
        "Policy version missing or not STSv1", $"{Sts} §3.2", "Start the policy with \"version: STSv1\".");

    public static readonly PostureRule MtaStsMode = new("MTASTS006", FindingSeverity.Error,
        "Policy mode missing or invalid", $"{Sts} §3.2", "Use \"mode: enforce\", \"mode: testing\" or \"mode: none\".");

    public static readonly PostureRule MtaStsMaxAge = new("MTASTS007", FindingSeverity.Error,
        "max_age missing, invalid or above 31557600", $"{Sts} §3.2",
        "Use max_age in seconds from 0 to 31557600, e.g. 604800.");

    public static readonly PostureRule MtaStsNoMx = new("MTASTS008", FindingSeverity.Error,
        "Policy lists no mx", $"{Sts} §3.2", "Add one \"mx:\" line per MX host or *.domain pattern.");

    public static readonly PostureRule MtaStsMxPattern = new("MTASTS009", FindingSeverity.Error,
        "Invalid mx pattern", $"{Sts} §3.2, §4.1",
        "Use a host name, or *.domain with the wildcard as the whole leftmost label.");

    public static readonly PostureRule MtaStsMxUncovered = new("MTASTS010", FindingSeverity.Error,
        "MX host not matched by the enforced policy: senders will not deliver to it", $"{Sts} §4.1",
        "Add an mx: line that matches the host, or correct the MX record.");

    public static readonly PostureRule MtaStsMxUncoveredTesting = new("MTASTS011", FindingSeverity.Warning,
        "MX host not matched by the policy (testing mode)", $"{Sts} §4.1",
        "Add an mx: line that matches the host before switching to enforce.");

    public static readonly PostureRule MtaStsTestingMode = new("MTASTS012", FindingSeverity.Info,
        "Policy in testing mode", $"{Sts} §5", "Switch to enforce once TLS-RPT reports are clean.");

    public static readonly PostureRule MtaStsNoneMode = new("MTASTS013", FindingSeverity.Warning,
        "Policy mode none (MTA-STS being withdrawn)", $"{Sts} §5, §8.3",
        "Only meant for withdrawing MTA-STS; otherwise use testing or enforce.");

    public static readonly PostureRule MtaStsShortMaxAge = new("MTASTS014", FindingSeverity.Warning,
        "max_age shorter than a day", $"{Sts} §3.2", "Use weeks or more, e.g. max_age: 604800.");

    public static readonly PostureRule MtaStsPolicySyntax = new("MTASTS015", FindingSeverity.Warning,
        "Policy line malformed or field repeated", $"{Sts} §3.2",
        "Write one \"key: value\" per line; only mx may repeat.");

    public static readonly PostureRule MtaStsLookupFailed = new("MTASTS016", FindingSeverity.Warning,
        "DNS lookup for MTA-STS failed", $"{Sts} §3.1, §4.1", "Check the domain's name servers and try again.");

    // TLS-RPT (RFC 8460)
    public static readonly PostureRule TlsRptMissing = new("TLSRPT001", FindingSeverity.Warning,
        "No TLS-RPT record", $"{TlsRpt} §3",
        "Publish _smtp._tls.<domain> TXT \"v=TLSRPTv1; rua=mailto:...\" to learn about TLS failures.");

    public static readonly PostureRule TlsRptMultiple = new("TLSRPT002", FindingSeverity.Error,
        "More than one v=TLSRPTv1 record (senders ignore them)", $"{TlsRpt} §3", "Keep exactly one.");

    public static readonly PostureRule TlsRptSyntax = new("TLSRPT003", FindingSeverity.Error,
        "TLS-RPT record malformed or v=TLSRPTv1 not first", $"{TlsRpt} §3",
        "Write \"v=TLSRPTv1; rua=mailto:reports@example.com\".");

    public static readonly PostureRule TlsRptNoRua = new("TLSRPT004", FindingSeverity.Error, "rua missing",
        $"{TlsRpt} §3", "Add rua= with one or more mailto: or https: URIs.");

    public static readonly PostureRule TlsRptUri = new("TLSRPT005", FindingSeverity.Error,
        "Invalid rua URI (mailto: or https: only)", $"{TlsRpt} §3",
        "Use mailto:address@domain or https://host/path, separated by commas.");

    public static readonly PostureRule TlsRptUnknownField = new("TLSRPT006", FindingSeverity.Info,
        "Unknown field, ignored", $"{TlsRpt} §3", "Remove it unless it is a registered extension.");

    public static readonly PostureRule TlsRptLookupFailed = new("TLSRPT007", FindingSeverity.Warning,
        "DNS lookup of the TLS-RPT record failed", $"{TlsRpt} §3", "Check the domain's name servers and try again.");

    /// <summary>Every rule, in code order.</summary>
    public static IReadOnlyList<PostureRule> All { get; } =
    [
        SpfSyntax, SpfMultipleRecords, SpfTooManyLookups, SpfTooManyVoidLookups, SpfPassAll, SpfNeutralAll, SpfPtr,
        SpfNoAll, SpfAllNotLast, SpfRedirectIgnored, SpfLongString, SpfLargeRecord, SpfDuplicateRange,
        SpfOverlappingRange, SpfIncludeWithoutRecord, SpfLookupFailed, SpfLoop, SpfTooManyMx, SpfHostBits, SpfMissing,
        SpfBroadRange, SpfRedirectWithoutRecord, SpfMacroTerm, SpfVoidTarget, SpfFlattenSplit, SpfFlattenKept,
        SpfUnknownModifier,
        DmarcMissing, DmarcMultiple, DmarcVersion, DmarcPolicyIgnored, DmarcPolicyFallback, DmarcSubdomainPolicy,
        DmarcPercent, DmarcAlignment, DmarcFailureOptions, DmarcReportFormat, DmarcInterval, DmarcUri,
        DmarcUnknownTag, DmarcTagList, DmarcMonitoringOnly, DmarcPartialPercent, DmarcNoAggregateReports,
        DmarcExternalUnauthorized, DmarcExternalUnknown, DmarcNonMailtoUri, DmarcFoWithoutRuf,
        DmarcWeakSubdomainPolicy, DmarcLookupFailed,
        DkimMissing, DkimVersion, DkimNoKey, DkimRevoked, DkimBadBase64, DkimBadRsaKey, DkimRsaTooShort, DkimRsaWeak,
        DkimBadEd25519Key, DkimKeyType, DkimTesting, DkimSha1Only, DkimNotForEmail, DkimUnknownTag, DkimTagList,
        DkimMultiple, DkimUnknownHash, DkimLookupFailed,
        MtaStsMissing, MtaStsMultiple, MtaStsTxtSyntax, MtaStsId, MtaStsPolicyVersion, MtaStsMode, MtaStsMaxAge,
        MtaStsNoMx, MtaStsMxPattern, MtaStsMxUncovered, MtaStsMxUncoveredTesting, MtaStsTestingMode,
        MtaStsNoneMode, MtaStsShortMaxAge, MtaStsPolicySyntax, MtaStsLookupFailed,
        TlsRptMissing, TlsRptMultiple, TlsRptSyntax, TlsRptNoRua, TlsRptUri, TlsRptUnknownField, TlsRptLookupFailed,
    ];

    /// <summary>The rule with <paramref name="code"/>, or null.</summary>
    public static PostureRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);
}
