using System.CommandLine;
using System.Globalization;
using Reconciler.GitOps;

namespace Reconciler.Cli;

/// <summary>
/// `reconciler history DOMAIN [PORTFOLIO]`: the domain's timeline from Git alone — manifest commits, the daemon's
/// applies and reverts (git notes), drift reports written and cleared. Fetches the notes from origin first.
/// </summary>
public static class HistoryCommand
{
    public static Command Create(CliServices services)
    {
        var domain = new Argument<string>("domain") { Description = "The domain, e.g. acme.example." };
        var path = CliOptions.PortfolioArgument();
        var since = new Option<string?>("--since") { Description = "Only events from this date (YYYY-MM-DD, or an ISO 8601 time) on." };
        var noFetch = new Option<bool>("--no-fetch") { Description = "Do not fetch the daemon's notes (refs/notes/reconciler) from origin first." };
        var command = new Command("history", "Show a domain's timeline from Git: manifest commits, applies, drift reports, reverts.") { domain, path, since, noFetch };
        command.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    await services.Error.WriteLineAsync($"reconciler: --since '{text}' is not a date (YYYY-MM-DD)");
                    return ExitCodes.Usage;
                }

                from = parsed;
            }

            var folder = Path.GetFullPath(parse.GetValue(path)!);
            var top = Directory.Exists(folder) ? await GitCli.RunAsync(folder, null, null, ct, "rev-parse", "--show-toplevel") : new GitResult(1, "", "");
            if (!top.Ok)
            {
                await services.Error.WriteLineAsync($"reconciler: {folder} is not in a Git work tree; history is read from Git");
                return ExitCodes.Errors;
            }

            var root = top.StdOut.Trim();
            if (!parse.GetValue(noFetch) && (await GitCli.RunAsync(root, null, null, ct, "config", "--get", "remote.origin.url")).Ok)
            {
                var fetch = await GitCli.RunAsync(root, null, null, ct, "fetch", "-q", "origin", $"+{GitRepository.NotesRef}:{GitRepository.NotesRef}");
                if (!fetch.Ok && !fetch.StdErr.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase))
                {
                    await services.Error.WriteLineAsync($"reconciler: could not fetch the daemon's notes ({GitCli.Redact(fetch.StdErr.Trim())}); showing local ones");
                }
            }

            var name = Schema.Model.DomainNames.ToAscii(parse.GetValue(domain)!.TrimEnd('.'));
            var entries = await DomainHistory.ReadAsync(root, name, from, ct);
            if (entries.Count == 0)
            {
                await services.Out.WriteLineAsync($"{name}: no history in this repository" + (from is null ? "" : " since " + from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                return ExitCodes.Ok;
            }

            foreach (var e in entries)
            {
                var when = e.When.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                await services.Out.WriteLineAsync($"{when}Z  {e.Kind,-7}  {e.Commit[..Math.Min(10, e.Commit.Length)]}  {e.Who}: {e.What}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
