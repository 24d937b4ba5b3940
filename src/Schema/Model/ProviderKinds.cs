namespace Reconciler.Schema.Model;

public static class ProviderKinds
{
    public const string ZoneFile = "zonefile";
    public const string Rfc2136 = "rfc2136";
    public const string PowerDns = "powerdns";
    public const string PostfixDovecot = "postfix-dovecot";
}
