namespace Reconciler.Integration.Tests.Migration;

/// <summary>Migration tests share one source and one destination Dovecot; each test uses its own users.</summary>
[CollectionDefinition(Name)]
public sealed class MigrationCollection : ICollectionFixture<MigrationServers>
{
    public const string Name = "Migration";
}
