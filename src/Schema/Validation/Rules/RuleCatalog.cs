namespace Reconciler.Schema.Validation.Rules;

/// <summary>Every manifest rule in one place. Codes never change meaning; retired codes are not reused.</summary>
public static class RuleCatalog
{
    public static readonly Rule ApexCname = new("DNS001", Severity.Error, "CNAME at the apex", "a CNAME cannot sit at the apex beside SOA and NS; use A/AAAA (or your DNS host's ALIAS feature)");
    public static readonly Rule CnameBesideData = new("DNS002", Severity.Error, "CNAME beside other data", "a name with a CNAME can have no other records; move the other records or drop the CNAME");
    public static readonly Rule TtlRange = new("DNS003", Severity.Error, "TTL out of range", "use a TTL between 60 and 604800 seconds");
    public static readonly Rule RecordValue = new("DNS004", Severity.Error, "record value does not parse", "write the value in zone-file presentation format for its type");
    public static readonly Rule NameOutsideZone = new("DNS005", Severity.Error, "record outside the domain", "write names relative to the domain, or absolute names under it ending with '.'");
    public static readonly Rule ApexNs = new("DNS006", Severity.Error, "apex NS in records", "apex NS records belong to the DNS host; Reconciler never changes them: remove this entry");
    public static readonly Rule UnmanagedOverlap = new("DNS007", Severity.Warning, "managed record under an unmanaged pattern", "a name is either managed or left alone: remove the record or narrow the pattern");
    public static readonly Rule DuplicateRecordSet = new("DNS008", Severity.Error, "record set declared twice", "give all values of one name and type in one entry with 'values:'");

    public static readonly Rule AliasTargetMissing = new("MAIL001", Severity.Error, "alias target does not exist", "create the mailbox or alias, or write a full external address");
    public static readonly Rule ForwardShadowsMailbox = new("MAIL002", Severity.Error, "forward hides a mailbox", "set 'keepCopy: true' to deliver to the mailbox as well, or remove the forward");
    public static readonly Rule LocalPartReused = new("MAIL003", Severity.Error, "local part used twice", "each local part is one mailbox, one alias or one forward source; rename or merge them");
    public static readonly Rule ExternalForwardNoExpiry = new("MAIL004", Severity.Error, "external forward without expiry", "add 'expires: YYYY-MM-DD'; forwards out of the portfolio must end");
    public static readonly Rule ExternalForwardNoReason = new("MAIL005", Severity.Error, "external forward without reason", "add 'reason:' saying why mail leaves the portfolio");
    public static readonly Rule ExternalForwardNoApprover = new("MAIL006", Severity.Warning, "external forward without approver", "add 'approvedBy:' with who approved it");
    public static readonly Rule ForwardExpired = new("MAIL007", Severity.Warning, "forward expired", "remove the forward, or extend 'expires' with a new approval");
    public static readonly Rule GeneratedRecordConflict = new("MAIL008", Severity.Error, "mail record also in dns.records", "declare it once: remove it from dns.records and let the mail section generate it");
    public static readonly Rule SpfSyntax = new("MAIL009", Severity.Error, "SPF record invalid", "fix the SPF syntax: one 'v=spf1', known mechanisms, one 'all' at the end");
    public static readonly Rule SpfLookups = new("MAIL010", Severity.Error, "SPF over 10 DNS lookups", "remove includes or flatten them (`reconciler spf flatten`); receivers return PermError past 10");
    public static readonly Rule DmarcWithoutAlignment = new("MAIL011", Severity.Error, "DMARC enforcement before alignment was verified", "keep p=none until reports show alignment, then record the date in 'alignmentVerified'");
    public static readonly Rule DmarcPctWhileTightening = new("MAIL012", Severity.Warning, "DMARC pct below 100", "pct below 100 is a ramp: raise it to 100 once the ramp is done");
    public static readonly Rule NoActiveDkim = new("MAIL013", Severity.Warning, "no active DKIM selector", "add a DKIM selector with 'state: active' so mail is signed");
    public static readonly Rule CatchAllTargetMissing = new("MAIL014", Severity.Error, "catch-all target does not exist", "deliver to an existing active mailbox, or set 'catchAll: reject'");
    public static readonly Rule RoutesToOffboarded = new("MAIL015", Severity.Error, "mail routed to an offboarded mailbox", "point the alias, forward or catch-all at someone still here, or remove it");
    public static readonly Rule OffboardedWithoutRetention = new("MAIL016", Severity.Warning, "offboarded mailbox without retention date", "add 'retainUntil: YYYY-MM-DD' so the data is deleted on time");
    public static readonly Rule ParkedWithMail = new("MAIL017", Severity.Error, "parked domain with mail settings", "a parked domain sends and receives nothing: remove the other mail settings or 'parked: true'");
    public static readonly Rule RoutingWithoutProvider = new("MAIL018", Severity.Error, "mailboxes without a mail provider", "set 'mail.provider' (or defaults.mailProvider in reconciler.yaml)");
    public static readonly Rule MailboxesWithoutMx = new("MAIL019", Severity.Warning, "mailboxes but no MX", "add 'mail.mx' so mail can reach the mailboxes");
    public static readonly Rule MtaStsMxUncovered = new("MAIL020", Severity.Error, "MTA-STS policy does not cover an MX host", "add the MX host (or a '*.' pattern for it) to 'mtaSts.mx'");
    public static readonly Rule DuplicateDkimSelector = new("MAIL021", Severity.Error, "DKIM selector declared twice", "each selector once");
    public static readonly Rule SpfPassAll = new("MAIL022", Severity.Error, "SPF '+all'", "'+all' lets anyone send as the domain; use 'softfail' or 'fail'");
    public static readonly Rule DuplicateMx = new("MAIL023", Severity.Error, "MX host declared twice", "each MX host once");
    public static readonly Rule RetiringDkimWithoutDate = new("MAIL024", Severity.Warning, "retiring DKIM selector without retiringSince", "add 'retiringSince: YYYY-MM-DD' (the day signing with it stopped): plan removes the key safety.retireDkimAfterDays days later");

    public static readonly Rule UnknownProvider = new("PORT001", Severity.Error, "unknown provider", "declare the provider under 'providers:' in reconciler.yaml, or fix the name");
    public static readonly Rule DuplicateDomain = new("PORT002", Severity.Error, "domain declared twice", "one file per domain: remove or rename one of them");
    public static readonly Rule FileNameMismatch = new("PORT003", Severity.Warning, "file name does not match domain", "name the file domains/<domain>.yaml");
    public static readonly Rule NoDnsProvider = new("PORT004", Severity.Error, "no DNS provider", "set 'dns.provider' (or defaults.dnsProvider in reconciler.yaml)");
    public static readonly Rule WrongProviderKind = new("PORT005", Severity.Error, "provider of the wrong kind", "dns.provider must name a DNS provider (zonefile, rfc2136, powerdns); mail.provider a mail provider (postfix-dovecot)");
    public static readonly Rule NoConfig = new("PORT006", Severity.Error, "reconciler.yaml missing", "run in a portfolio folder (reconciler.yaml, templates/, domains/) or pass its path");
    public static readonly Rule NoDomains = new("PORT007", Severity.Warning, "no domains", "add domains/<domain>.yaml files");
    public static readonly Rule Unreadable = new("PORT008", Severity.Error, "file unreadable", "check the file exists and is readable UTF-8");

    public static readonly Rule SchemaType = new("SCHEMA001", Severity.Error, "wrong type", "see `reconciler schema` for what this property takes");
    public static readonly Rule SchemaRequired = new("SCHEMA002", Severity.Error, "missing property", "add the property");
    public static readonly Rule SchemaUnknownProperty = new("SCHEMA003", Severity.Error, "unknown property", "check the spelling; editors with the $schema line show the allowed names");
    public static readonly Rule SchemaValue = new("SCHEMA004", Severity.Error, "value not allowed", "use one of the allowed values");
    public static readonly Rule SchemaFormat = new("SCHEMA005", Severity.Error, "bad format", "fix the value's format");
    public static readonly Rule SchemaRange = new("SCHEMA006", Severity.Error, "out of range", "use a value within the limits");
    public static readonly Rule SchemaOther = new("SCHEMA007", Severity.Error, "does not match the schema", "see `reconciler schema` for this property");
}
