using Reconciler.Providers;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Tests.Contracts;

namespace Reconciler.Tests.Providers.PostfixDovecot;

public sealed class PostfixDovecotProviderContractTests : MailProviderContract, IDisposable
{
    private readonly MailStateFolder _folder = new();

    protected override Task<IMailProvider> CreateAsync() =>
        Task.FromResult<IMailProvider>(new PostfixDovecotProvider("mailhost", new PostfixDovecotSettings(_folder.Path)));

    public void Dispose() => _folder.Dispose();
}
