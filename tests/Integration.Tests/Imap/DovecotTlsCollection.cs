namespace Reconciler.Integration.Tests.Imap;

[CollectionDefinition(Name)]
public sealed class DovecotTlsCollection : ICollectionFixture<DovecotTlsFixture>
{
    public const string Name = "Dovecot TLS";
}
