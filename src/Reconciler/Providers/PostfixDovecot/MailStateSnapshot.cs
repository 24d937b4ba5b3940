using System.Collections.Immutable;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// The four files as parsed at one moment, indexed by domain so a read costs a lookup instead of a parse. Immutable:
/// a change makes a new snapshot that shares every untouched file and domain.
/// </summary>
internal sealed class MailStateSnapshot
{
    private static readonly MailStateFileKind[] Kinds = Enum.GetValues<MailStateFileKind>();

    private MailStateSnapshot(ImmutableArray<MailStateFile> files, ImmutableDictionary<string, DomainView> domains)
    {
        Files = files;
        Domains = domains;
    }

    /// <summary>Indexed by <see cref="MailStateFileKind"/>.</summary>
    public ImmutableArray<MailStateFile> Files { get; }

    public ImmutableDictionary<string, DomainView> Domains { get; }

    /// <exception cref="MailStateException">A file is malformed or the files contradict each other.</exception>
    public static async Task<MailStateSnapshot> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var files = ImmutableArray.CreateBuilder<MailStateFile>(Kinds.Length);
        foreach (var kind in Kinds)
        {
            files.Add(await MailStateFile.ReadAsync(kind, directory, cancellationToken));
        }

        var byDomain = new Dictionary<string, List<LocatedEntry>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var located in file.Entries())
            {
                if (!byDomain.TryGetValue(located.Entry.Domain, out var list))
                {
                    byDomain[located.Entry.Domain] = list = [];
                }

                list.Add(located);
            }
        }

        var domains = ImmutableDictionary.CreateBuilder<string, DomainView>(StringComparer.Ordinal);
        foreach (var (domain, entries) in byDomain)
        {
            domains[domain] = DomainView.Build(domain, entries);
        }

        return new MailStateSnapshot(files.MoveToImmutable(), domains.ToImmutable());
    }

    public DomainView View(string domain) => Domains.GetValueOrDefault(domain) ?? DomainView.Empty(domain);

    /// <summary>True while no file changed on disk since it was parsed or written.</summary>
    public bool IsCurrent()
    {
        foreach (var file in Files)
        {
            if (FileStamp.Of(file.Path) != file.Stamp)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The snapshot with some files replaced; only <paramref name="domain"/>'s view is built again.</summary>
    /// <exception cref="MailStateException">The new files contradict each other for the domain.</exception>
    public MailStateSnapshot With(string domain, IEnumerable<MailStateFile> changed)
    {
        var files = Files.ToBuilder();
        foreach (var file in changed)
        {
            files[(int)file.Kind] = file;
        }

        var next = files.ToImmutable();
        var view = DomainView.Build(domain, next.SelectMany(f => f.EntriesOf(domain)));
        var domains = view.Accepted || !view.HasNoMailboxesOrRoutes ? Domains.SetItem(domain, view) : Domains.Remove(domain);
        return new MailStateSnapshot(next, domains);
    }

    /// <summary>The same state with files replaced by their written versions (new stamps, same lines).</summary>
    public MailStateSnapshot WithFiles(IEnumerable<MailStateFile> written)
    {
        var files = Files.ToBuilder();
        foreach (var file in written)
        {
            files[(int)file.Kind] = file;
        }

        return new MailStateSnapshot(files.ToImmutable(), Domains);
    }
}
