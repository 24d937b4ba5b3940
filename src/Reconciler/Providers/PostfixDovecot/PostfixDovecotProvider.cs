using System.ComponentModel;
using Reconciler.Schema.Model;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// The embedded default mail provider: Postfix map sources and a Dovecot passwd-file in one folder
/// (<c>virtual_domains</c>, <c>virtual_mailboxes</c>, <c>virtual_aliases</c>, <c>passwd</c>), as used by a Postfix with
/// <c>virtual_mailbox_domains</c>, <c>virtual_mailbox_maps</c> and <c>virtual_alias_maps</c> set to <c>hash:</c> maps of
/// them, and a Dovecot 2.3 whose passdb and userdb are both <c>passwd-file</c> on <c>passwd</c> (the userdb with
/// <c>default_fields = uid=… gid=… home=…</c>, since new entries leave those fields empty).
/// </summary>
/// <remarks>
/// Reads come from a parsed snapshot indexed by domain, parsed again only when a file's size or modification time
/// changes. A step rewrites only the files it touches, each atomically; one lock per provider (and an flock on the
/// folder against other processes) keeps steps and re-parses apart. Any malformed line, anywhere, stops every read and
/// change until it is fixed by hand. Password hashes are never read out or written: a new mailbox gets <c>{CRYPT}!</c>
/// (matches no password), an existing hash is carried over byte for byte. Login-disabled states are written as
/// <c>nologin reason=&lt;state&gt; fail</c> (see <c>PasswdEntry.DisabledFields</c> for why both).
/// </remarks>
public sealed class PostfixDovecotProvider : IMailProvider
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly MailStateFileKind[] Kinds = Enum.GetValues<MailStateFileKind>();

    private readonly SemaphoreSlim _gate = new(1, 1);

    // Replaced whole (never mutated), so readers may use it without the gate.
    private volatile CachedState? _cached;

    public PostfixDovecotProvider(string name, PostfixDovecotSettings settings)
    {
        Name = name;
        Settings = settings;
    }

    public string Name { get; }

    public PostfixDovecotSettings Settings { get; }

    /// <summary>All of them: the domain map, mailboxes with their passwd entries, and every route in virtual_aliases.</summary>
    public IReadOnlySet<MailResourceKind> ManagedKinds => MailResourceKinds.All;

    /// <summary>The state files' names, in the folder <see cref="PostfixDovecotSettings.Directory"/>.</summary>
    public static IReadOnlyList<string> FileNames { get; } = Kinds.Select(MailStateFile.FileName).ToArray();

    public async Task<LiveMailDomain?> ReadDomainAsync(string domain, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        return snapshot.Domains.GetValueOrDefault(MailNames.NormalizeDomain(domain))?.Live;
    }

    public async Task ApplyAsync(string domain, Resource? before, Resource? after, CancellationToken cancellationToken)
    {
        var name = MailNames.NormalizeDomain(domain);
        before = Normalize(before);
        after = Normalize(after);
        var resource = Validate(name, before, after);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var folderLock = await LockFolderAsync(forWriting: true, cancellationToken);
            var snapshot = await LoadIfStaleAsync(cancellationToken);
            var view = snapshot.View(name);
            var live = Find(view, resource);
            if (Same(live, after))
            {
                return;
            }

            if (!Same(live, before))
            {
                throw new ChangedSincePlanException($"{resource.Id} in {name}", Show(before), Show(live));
            }

            var edits = Plan(view, resource, after);
            await WriteAsync(snapshot, name, resource, edits, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MailStateSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.IsCurrent())
        {
            return cached.SnapshotOrThrow(Name);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.IsCurrent())
            {
                return again.SnapshotOrThrow(Name);
            }

            using var folderLock = await LockFolderAsync(forWriting: false, cancellationToken);
            return await LoadIfStaleAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Parses the files again unless the cached snapshot still matches them. Holds the gate and the folder lock.</summary>
    private async Task<MailStateSnapshot> LoadIfStaleAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.IsCurrent())
        {
            return cached.SnapshotOrThrow(Name);
        }

        var stamps = StampsNow();
        try
        {
            var snapshot = await MailStateSnapshot.LoadAsync(Settings.Directory, cancellationToken);
            _cached = new CachedState(snapshot, stamps, null, Settings.Directory);
            return snapshot;
        }
        catch (MailStateException e)
        {
            // Cached too, so ten thousand reads of a broken folder fail fast instead of parsing it ten thousand times.
            _cached = new CachedState(null, stamps, e.Message, Settings.Directory);
            return _cached.SnapshotOrThrow(Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _cached = null;
            throw new ProviderException($"{Name}: cannot read the mail state in {Settings.Directory}: {e.Message}", e);
        }
    }

    private async Task WriteAsync(MailStateSnapshot snapshot, string domain, Resource resource, IReadOnlyList<FileEdit> edits, CancellationToken cancellationToken)
    {
        var changed = new List<MailStateFile>();
        foreach (var edit in edits)
        {
            var at = changed.FindIndex(f => f.Kind == edit.File);
            var file = at >= 0 ? changed[at] : snapshot.Files[(int)edit.File];
            file = file.With(domain, edit.Key, edit.Line);
            if (at >= 0)
            {
                changed[at] = file;
            }
            else
            {
                changed.Add(file);
            }
        }

        MailStateSnapshot next;
        try
        {
            next = snapshot.With(domain, changed, edits);
        }
        catch (MailStateException e)
        {
            throw new ProviderException($"{Name}: {resource.Id} in {domain} would leave the mail state inconsistent ({e.Message}); nothing was changed");
        }

        var written = new List<MailStateFile>();
        foreach (var file in changed)
        {
            try
            {
                written.Add(await file.WriteAsync(cancellationToken));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _cached = null;
                throw new ProviderException($"{Name}: cannot write {file.Path}: {e.Message}" + (written.Count > 0 ? $" ({string.Join(", ", written.Select(w => w.Path))} already written; run plan again)" : ""), e);
            }

            if (Settings.Postmap && file.Kind != MailStateFileKind.Passwd)
            {
                await PostmapAsync(file.Path, cancellationToken);
            }
        }

        _cached = new CachedState(next.WithFiles(written), null, null, Settings.Directory);
        if (Settings.ReloadCommand is { } reload)
        {
            await RunHostCommandAsync("/bin/sh", ["-c", reload], $"reload command '{reload}'", cancellationToken);
        }
    }

    private async Task PostmapAsync(string path, CancellationToken cancellationToken)
    {
        var args = new List<string>();
        if (Settings.PostfixConfigDirectory is { } config)
        {
            args.AddRange(["-c", config]);
        }

        args.Add("hash:" + path);
        await RunHostCommandAsync(HostCommand.PostfixTool("postmap"), args, $"postmap of {path}", cancellationToken);
    }

    private async Task RunHostCommandAsync(string fileName, IReadOnlyList<string> args, string what, CancellationToken cancellationToken)
    {
        HostCommand.Result result;
        try
        {
            result = await HostCommand.RunAsync(fileName, args, cancellationToken);
        }
        catch (Win32Exception e)
        {
            throw new ProviderException($"{Name}: the files were changed but {what} could not start ({e.Message}); run it by hand", e);
        }

        if (result.ExitCode != 0)
        {
            throw new ProviderException($"{Name}: the files were changed but {what} failed (exit {result.ExitCode}): {result.Output}; fix it and run it by hand");
        }
    }

    private IReadOnlyList<FileEdit> Plan(DomainView view, Resource resource, Resource? after)
    {
        if (resource is not MailDomainResource && !view.Accepted)
        {
            throw new ProviderException($"{Name}: mail domain {view.Domain} is not accepted (no line in virtual_domains); the plan creates the domain before its {resource.Kind}s");
        }

        switch (resource)
        {
            case MailDomainResource when after is null && !view.HasNoMailboxesOrRoutes:
                throw new ProviderException(
                    $"{Name}: mail domain {view.Domain} still has {view.Passwd.Count} mailbox(es) and {view.Aliases.Count(a => !view.IsHiddenIdentity(a.Value))} route(s); remove them before the domain");
            case MailDomainResource:
                return DomainChanges.ForDomain(view, after is not null);
            case MailboxResource m:
                return DomainChanges.ForMailbox(view, m.Address, (MailboxResource?)after);
            case RouteResource r when after is RouteResource a && !r.IsCatchAll && a.Targets is [var only] && only == r.Address && view.Mailboxes.ContainsKey(r.Address):
                throw new ProviderException($"{Name}: route {r.Address} → {r.Address} only repeats the mailbox {r.Address}; it is implied and cannot be kept as a route");
            case RouteResource r:
                return DomainChanges.ForRoute(view, r.Address, (RouteResource?)after);
            default:
                throw new ArgumentOutOfRangeException(nameof(resource));
        }
    }

    private Resource Validate(string domain, Resource? before, Resource? after)
    {
        var resource = after ?? before ?? throw new ArgumentException("a step needs a before or an after value");
        if (before is not null && after is not null && (before.GetType() != after.GetType() || !string.Equals(before.Id, after.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"before ({before.Id}) and after ({after.Id}) of a step must be the same resource");
        }

        var belongs = resource switch
        {
            MailDomainResource d => MailNames.NormalizeDomain(d.Domain) == domain,
            MailboxResource m => MailNames.DomainOfAddress(m.Address) == domain,
            RouteResource r => (r.IsCatchAll ? MailNames.DomainOfCatchAll(r.Address) : MailNames.DomainOfAddress(r.Address)) == domain,
            _ => throw new ProviderException($"{Name}: the postfix-dovecot provider manages mail domains, mailboxes and routes, not {resource.Kind} ({resource.Id})"),
        };
        if (!belongs)
        {
            throw new ProviderException($"{Name}: {resource.Id} does not belong to mail domain {domain}");
        }

        if (after is MailboxResource { Quota: { Length: > 0 } quota } && !PasswdEntry.IsValidQuota(quota))
        {
            throw new ProviderException($"{Name}: quota '{quota}' of {after.Id} is not a number with an optional K, M, G or T suffix");
        }

        if (after is RouteResource route && (route.Targets.Count == 0 || route.Targets.Any(t => t.Length == 0 || t.Any(c => c <= ' ' || c is ',' or '#'))))
        {
            throw new ProviderException($"{Name}: {after.Id} needs at least one target, each an address without spaces or commas");
        }

        return resource;
    }

    private static Resource? Normalize(Resource? resource) => resource switch
    {
        MailboxResource m => m with
        {
            Address = m.Address.ToLowerInvariant(),
            Quota = string.IsNullOrEmpty(m.Quota) ? null : m.Quota,
            DisplayName = string.IsNullOrEmpty(m.DisplayName) ? null : m.DisplayName,
        },
        MailDomainResource d => new MailDomainResource(MailNames.NormalizeDomain(d.Domain)),
        _ => resource,
    };

    private static Resource? Find(DomainView view, Resource resource) => resource switch
    {
        MailDomainResource => view.Accepted ? new MailDomainResource(view.Domain) : null,
        MailboxResource m => view.Passwd.GetValueOrDefault(m.Address.ToLowerInvariant())?.ToResource(),
        RouteResource r => view.Aliases.GetValueOrDefault(r.Address) is { } a && !view.IsHiddenIdentity(a) ? new RouteResource(a.Address, a.Targets) : null,
        _ => null,
    };

    private static bool Same(Resource? live, Resource? wanted) => live is null ? wanted is null : live.SameAs(wanted);

    private static string Show(Resource? resource) => resource?.Describe() ?? "nothing";

    private async Task<StateFolderLock> LockFolderAsync(bool forWriting, CancellationToken cancellationToken)
    {
        try
        {
            return await StateFolderLock.AcquireAsync(Settings.Directory, forWriting, LockTimeout, cancellationToken);
        }
        catch (IOException e)
        {
            throw new ProviderException($"{Name}: could not lock {Path.Combine(Settings.Directory, StateFolderLock.FileName)} within {LockTimeout.TotalSeconds} s ({e.Message}); is another reconciler applying to this folder?", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ProviderException($"{Name}: cannot write to {Settings.Directory}: {e.Message}", e);
        }
    }

    private FileStamp[] StampsNow() => Kinds.Select(k => FileStamp.Of(Path.Combine(Settings.Directory, MailStateFile.FileName(k)))).ToArray();

    /// <summary>A parsed snapshot, or the problem that stopped the parse, with what the files looked like then.</summary>
    private sealed record CachedState(MailStateSnapshot? Snapshot, FileStamp[]? Stamps, string? Problem, string Directory)
    {
        public bool IsCurrent() => Snapshot?.IsCurrent() ?? Kinds.Select(k => FileStamp.Of(Path.Combine(Directory, MailStateFile.FileName(k)))).SequenceEqual(Stamps!);

        public MailStateSnapshot SnapshotOrThrow(string provider) => Snapshot
            ?? throw new ProviderException($"{provider}: {Problem}; fix it by hand (no change is made by provider '{provider}' until then)");
    }
}
