namespace Reconciler.Dns.Client;

/// <summary>What a request was for, so an error can say what to check.</summary>
internal enum DnsOperation
{
    Query,
    Transfer,
    Update,
}
