using System.Text.RegularExpressions;

namespace Reconciler.GitOps;

/// <summary>Who the daemon's commits are by: <c>Name &lt;email&gt;</c> from daemon.author.</summary>
public sealed partial record GitAuthor(string Name, string Email)
{
    public static GitAuthor Parse(string text)
    {
        var m = Pattern().Match(text.Trim());
        return m.Success ? new GitAuthor(m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim()) : new GitAuthor(text.Trim(), "reconciler@localhost");
    }

    public override string ToString() => $"{Name} <{Email}>";

    [GeneratedRegex(@"^(.*?)\s*<([^>]+)>$")]
    private static partial Regex Pattern();
}
