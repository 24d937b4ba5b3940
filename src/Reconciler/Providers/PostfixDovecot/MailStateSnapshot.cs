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

        var byDomain = new Dictionary<string, List<StateEntry>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var entry in file.Entries())
            {
                if (!byDomain.TryGetValue(entry.Domain, out var list))
                {
                    byDomain[entry.Domain] = list = [];
                }

                list.Add(entry);
            }
        }

        var loaded = files.MoveToImmutable();
        var domains = ImmutableDictionary.CreateBuilder<string, DomainView>(StringComparer.Ordinal);
        foreach (var (domain, entries) in byDomain)
        {
            domains[domain] = DomainView.Build(domain, entries, e => Locate(loaded, e));
        }

        return new MailStateSnapshot(loaded, domains.ToImmutable());
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

    /// <summary>
    /// The snapshot after <paramref name="edits"/> to <paramref name="domain"/>: <paramref name="changed"/> are the edited
    /// files, and the domain's view is rebuilt from its old entries and the edits (not from the files, which would cost a
    /// scan of every line per step).
    /// </summary>
    /// <exception cref="MailStateException">The edits would make the files contradict each other for the domain.</exception>
    public MailStateSnapshot With(string domain, IEnumerable<MailStateFile> changed, IEnumerable<FileEdit> edits)
    {
        var files = Files.ToBuilder();
        foreach (var file in changed)
        {
            files[(int)file.Kind] = file;
        }

        var next = files.ToImmutable();
        var entries = View(domain).Entries().ToDictionary(e => (FileEdit.FileOf(e), e.Key));
        foreach (var edit in edits)
        {
            if (edit.Line?.Entry is { } entry)
            {
                entries[(edit.File, edit.Key)] = entry;
            }
            else
            {
                entries.Remove((edit.File, edit.Key));
            }
        }

        var view = DomainView.Build(domain, entries.Values, e => Locate(next, e));
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

    private static (string Path, int Line) Locate(ImmutableArray<MailStateFile> files, StateEntry entry)
    {
        var file = files[(int)FileEdit.FileOf(entry)];
        return (file.Path, file.LineOf(entry));
    }
}
