namespace Reconciler.Integration.Tests.Imap;

/// <summary>
/// Runs alone (after the parallel collections): these tests measure allocations and throughput, which other tests
/// running in the same process would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DovecotSerialCollection : ICollectionFixture<DovecotFixture>
{
    public const string Name = "Dovecot (serial)";
}
