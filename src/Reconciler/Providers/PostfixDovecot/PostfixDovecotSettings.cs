using Reconciler.Schema.Model;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// Settings of a <c>postfix-dovecot</c> provider (reconciler.yaml <c>settings:</c>), paths already absolute.
/// The embedded default is just <see cref="Directory"/> (seeding is the ProviderSet's job); <see cref="Postmap"/> and
/// <see cref="ReloadCommand"/> are for a live mail host.
/// </summary>
/// <param name="Directory">Folder holding virtual_domains, virtual_mailboxes, virtual_aliases and passwd.</param>
/// <param name="Postmap">Run <c>postmap [-c PostfixConfigDirectory] hash:FILE</c> after changing a map.</param>
/// <param name="PostfixConfigDirectory">The <c>postmap -c</c> folder (needed when /etc/postfix/main.cf is absent).</param>
/// <param name="ReloadCommand">Run with <c>/bin/sh -c</c> after each change, e.g. <c>postfix reload</c>.</param>
public sealed record PostfixDovecotSettings(
    string Directory,
    bool Postmap = false,
    string? PostfixConfigDirectory = null,
    string? ReloadCommand = null)
{
    /// <summary>Reads the provider's settings; relative paths are resolved against <paramref name="baseDirectory"/>.</summary>
    public static PostfixDovecotSettings From(ProviderConfig config, string baseDirectory)
    {
        string? PathSetting(string key) => config.Setting(key) is { Length: > 0 } p ? Path.GetFullPath(p, baseDirectory) : null;

        return new PostfixDovecotSettings(
            PathSetting("directory") ?? throw new ProviderException($"provider '{config.Name}' ({config.Position}): settings.directory is required"),
            config.Setting("postmap") == "true",
            PathSetting("postfixConfigDirectory"),
            config.Setting("reloadCommand") is { Length: > 0 } reload ? reload : null);
    }
}
