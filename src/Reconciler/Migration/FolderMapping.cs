using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>
/// What happens to one source folder: copied into <see cref="DestinationPath"/>, or skipped with a reason.
/// Paths use '/' between levels whatever the servers' separators are.
/// </summary>
public sealed record FolderMapping(ImapFolder Source, string SourcePath, string? DestinationPath, string? SkipReason)
{
    /// <summary>Gmail's All Mail: copied after every label folder, holding only what no label took.</summary>
    public bool IsAllMail { get; init; }
}
