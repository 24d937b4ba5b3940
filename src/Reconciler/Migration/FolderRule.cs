using System.Text.RegularExpressions;

namespace Reconciler.Migration;

/// <summary>
/// Renames or skips the source folders <see cref="From"/> matches (exact name, or a pattern with <c>*</c> for any
/// text, across levels too). A <c>*</c> in <see cref="To"/> receives what the single <c>*</c> in <see cref="From"/>
/// matched. Names use '/' between levels; INBOX matches in any case, as IMAP defines.
/// </summary>
public sealed record FolderRule(string From, string? To, bool Skip)
{
    /// <summary>The destination name when the rule matches <paramref name="folder"/> ("" = skip), else null.</summary>
    public string? Apply(string folder)
    {
        var pattern = NormalizeInbox(From);
        var name = NormalizeInbox(folder);
        var stars = pattern.Count(c => c == '*');
        string? captured;
        if (stars == 0)
        {
            if (!string.Equals(pattern, name, StringComparison.Ordinal))
            {
                return null;
            }

            captured = null;
        }
        else if (stars == 1)
        {
            var star = pattern.IndexOf('*', StringComparison.Ordinal);
            var prefix = pattern[..star];
            var suffix = pattern[(star + 1)..];
            if (name.Length < prefix.Length + suffix.Length ||
                !name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return null;
            }

            captured = name[prefix.Length..(name.Length - suffix.Length)];
        }
        else
        {
            var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
            if (!Regex.IsMatch(name, regex, RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                return null;
            }

            captured = null;
        }

        if (Skip || To is null)
        {
            return "";
        }

        return captured is null ? To : To.Replace("*", captured, StringComparison.Ordinal);
    }

    internal static bool IsInbox(string name) => string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase);

    /// <summary>"inbox" and "Inbox/x" become "INBOX" and "INBOX/x": the one name IMAP compares without case.</summary>
    internal static string NormalizeInbox(string name)
    {
        if (IsInbox(name))
        {
            return "INBOX";
        }

        return name.Length > 6 && name[5] == '/' && IsInbox(name[..5]) ? "INBOX" + name[5..] : name;
    }
}
