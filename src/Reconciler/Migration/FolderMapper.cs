using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>
/// Applies the job's folder rules to a source folder list and puts the folders in copy order: INBOX first, then
/// by name; with Gmail, All Mail last so that it only receives messages no label folder took.
/// </summary>
public static class FolderMapper
{
    private static readonly string[] GmailRoots = ["[Gmail]", "[Google Mail]"];

    public static IReadOnlyList<FolderMapping> Map(IEnumerable<ImapFolder> sourceFolders, FolderRules rules)
    {
        ArgumentNullException.ThrowIfNull(sourceFolders);
        ArgumentNullException.ThrowIfNull(rules);
        var result = new List<FolderMapping>();
        foreach (var folder in sourceFolders)
        {
            var path = ToPath(folder.Name, folder.Delimiter);
            if (!folder.IsSelectable)
            {
                continue; // a \Noselect parent holds no messages; CREATE of its children makes it on the destination
            }

            var isAllMail = rules.Gmail && IsGmailAllMail(folder, path);
            string? target = null;
            FolderRule? matched = null;
            foreach (var rule in rules.Rules)
            {
                target = rule.Apply(path);
                if (target is not null)
                {
                    matched = rule;
                    break;
                }
            }

            if (target == "")
            {
                result.Add(new FolderMapping(folder, path, null, $"skipped by the rule for '{matched!.From}'") { IsAllMail = isAllMail });
            }
            else if (matched is null && rules.Gmail && IsGmailVirtual(folder, path))
            {
                result.Add(new FolderMapping(folder, path, null,
                    "skipped: a Gmail view of messages that are in other folders (name it in a rule to copy it)"));
            }
            else
            {
                var destination = target ?? path;
                result.Add(new FolderMapping(folder, path, FolderRule.NormalizeInbox(destination), null) { IsAllMail = isAllMail });
            }
        }

        return [.. result
            .OrderBy(m => m.IsAllMail)
            .ThenBy(m => FolderRule.IsInbox(m.SourcePath) ? 0 : 1)
            .ThenBy(m => m.SourcePath, StringComparer.Ordinal)];
    }

    /// <summary>A server name with its own separator, as a '/' path.</summary>
    public static string ToPath(string name, char? delimiter) =>
        FolderRule.NormalizeInbox(delimiter is { } d && d != '/' ? name.Replace(d, '/') : name);

    /// <summary>A '/' path as a name on a server with <paramref name="delimiter"/>.</summary>
    public static string ToServerName(string path, char? delimiter) =>
        delimiter is { } d && d != '/' ? path.Replace('/', d) : path;

    private static bool IsGmailAllMail(ImapFolder folder, string path) =>
        (folder.Attributes & ImapFolderAttributes.All) != 0 ||
        GmailRoots.Any(r => string.Equals(path, r + "/All Mail", StringComparison.OrdinalIgnoreCase));

    private static bool IsGmailVirtual(ImapFolder folder, string path) =>
        (folder.Attributes & (ImapFolderAttributes.Important | ImapFolderAttributes.Flagged)) != 0 ||
        GmailRoots.Any(r => string.Equals(path, r + "/Important", StringComparison.OrdinalIgnoreCase) ||
                            string.Equals(path, r + "/Starred", StringComparison.OrdinalIgnoreCase));
}
