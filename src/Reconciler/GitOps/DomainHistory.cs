using System.Globalization;

namespace Reconciler.GitOps;

/// <summary>
/// A domain's timeline from Git alone: commits to its manifest (author, message), applies and reverts from the
/// daemon's notes, drift reports written and removed. No journal or daemon needed, so any clone can tell the story.
/// </summary>
public static class DomainHistory
{
    private const char Field = '\u001f';

    public static async Task<IReadOnlyList<HistoryEntry>> ReadAsync(string workTree, string domain, DateTimeOffset? since, CancellationToken ct)
    {
        var entries = new List<HistoryEntry>();
        var sinceArgs = since is { } s ? new[] { "--since=" + s.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) } : [];
        foreach (var c in await LogAsync(workTree, sinceArgs, [$":(glob)**/domains/**/{domain}.yaml"], ct))
        {
            entries.Add(new HistoryEntry(c.When, "commit", c.Sha, c.Who, c.Subject));
        }

        foreach (var c in await LogAsync(workTree, sinceArgs, [RepoLayout.DriftMarkdown(domain)], ct))
        {
            var cleared = c.Subject.Contains("cleared", StringComparison.OrdinalIgnoreCase);
            entries.Add(new HistoryEntry(c.When, cleared ? "cleared" : "drift", c.Sha, c.Who, c.Subject));
        }

        foreach (var (commit, note) in await NotesAsync(workTree, ct))
        {
            if (note.Domain != domain || (since is { } from && note.StartedAt < from))
            {
                continue;
            }

            entries.Add(new HistoryEntry(note.StartedAt, note.Kind, commit, $"reconciler {note.DaemonVersion}", Describe(note)));
        }

        // Git keeps commit times in whole seconds, notes keep milliseconds: order by the second, and within one
        // second put an apply after the commit it applies when that commit is in the same second, else before.
        var commitsBySecond = entries.Where(e => e.Kind == "commit").ToLookup(e => Second(e.When), e => e.Commit);
        return entries
            .OrderBy(e => Second(e.When))
            .ThenBy(e => e.Kind is "apply" or "revert" && !commitsBySecond[Second(e.When)].Contains(e.Commit) ? -1 : Rank(e.Kind))
            .ThenBy(e => e.When)
            .ToList();
    }

    private static long Second(DateTimeOffset t) => t.ToUnixTimeSeconds();

    /// <summary>Every apply note in the repository, with the commit it is on.</summary>
    public static async Task<IReadOnlyList<(string Commit, ApplyNote Note)>> NotesAsync(string workTree, CancellationToken ct)
    {
        var list = await GitCli.RunAsync(workTree, null, null, ct, "notes", "--ref", GitRepository.NotesRef, "list");
        if (!list.Ok || list.StdOut.Length == 0)
        {
            return [];
        }

        var result = new List<(string, ApplyNote)>();
        foreach (var line in list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            var body = await GitCli.RunAsync(workTree, null, null, ct, "cat-file", "-p", parts[0]);
            foreach (var noteLine in body.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (ApplyNote.TryParse(noteLine) is { } note)
                {
                    result.Add((parts[1], note));
                }
            }
        }

        return result;
    }

    public static string Describe(ApplyNote n)
    {
        var ok = n.Steps.Count(s => s.Result == "succeeded");
        var steps = string.Join(", ", n.Steps.Take(4).Select(s => $"{s.Action} {s.Resource}" + (s.Result == "succeeded" ? "" : $" ({s.Result})")));
        if (n.Steps.Count > 4)
        {
            steps += $", … {n.Steps.Count - 4} more";
        }

        var duration = n.DurationSeconds is { } d ? $" in {d.ToString("0.##", CultureInfo.InvariantCulture)} s" : "";
        return $"{n.Kind} #{n.ApplyId} {n.Result}: {ok}/{n.Steps.Count} step(s){duration}" + (steps.Length > 0 ? $": {steps}" : "");
    }

    private static int Rank(string kind) => kind switch
    {
        "commit" => 0,
        "drift" => 1,
        "apply" or "revert" => 2,
        _ => 3,
    };

    private sealed record Commit(string Sha, DateTimeOffset When, string Who, string Subject);

    private static async Task<IReadOnlyList<Commit>> LogAsync(string workTree, string[] extra, string[] paths, CancellationToken ct)
    {
        var r = await GitCli.RunAsync(workTree, null, null, ct, ["log", $"--format=%H{Field}%aI{Field}%an <%ae>{Field}%s", .. extra, "--", .. paths]);
        if (!r.Ok)
        {
            return [];
        }

        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(Field))
            .Where(f => f.Length == 4)
            .Select(f => new Commit(f[0], DateTimeOffset.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3]))
            .ToList();
    }
}
