using System.CommandLine;
using Reconciler.Migration;
using Reconciler.Schema.Validation;

namespace Reconciler.Cli;

/// <summary>
/// `reconciler migrate JOB.yaml`: copies mailboxes between IMAP servers as the job file says (see
/// <see cref="MigrationRunner"/>). Exit codes: <see cref="MigrationExitCodes"/>.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(CliServices services)
    {
        var job = new Argument<string?>("job")
        {
            Description = "The migration job (YAML, see --schema).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Log in and list what would be copied; change nothing." };
        var progress = new Option<string>("--progress")
        {
            Description = "Progress display: auto (bars on a terminal, JSON lines otherwise), bars, json.",
            DefaultValueFactory = _ => "auto",
        };
        progress.AcceptOnlyFromAmong("auto", "bars", "json");
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (SQLite); overrides the job's 'checkpoint'." };
        var mailboxes = new Option<string[]>("--mailbox") { Description = "Only this mailbox (by name; repeatable)." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip the verification pass." };
        var reportFile = new Option<string?>("--report") { Description = "Also write the report as JSON to this file." };
        var schema = new Option<bool>("--schema") { Description = "Print the job file's JSON Schema and exit." };
        var command = new Command("migrate",
            "Copy mailboxes from one IMAP server to another: resumable, retried per mailbox, verified. " +
            "Exit codes: 0 all mailboxes done, 4 partial (some failed), 1 all failed or invalid job, 2 usage, 130 interrupted.")
        {
            job, dryRun, progress, checkpoint, mailboxes, noVerify, reportFile, schema,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(schema))
            {
                await services.Out.WriteAsync(MigrationJobSchema.Text());
                return MigrationExitCodes.Ok;
            }

            var path = parse.GetValue(job);
            if (path is null)
            {
                await services.Error.WriteLineAsync("reconciler: migrate needs a job file: reconciler migrate JOB.yaml");
                return MigrationExitCodes.Usage;
            }

            var loaded = await new MigrationJobLoader(MigrationJobSchema.LoadEmbedded()).LoadAsync(path, ct);
            PrintDiagnostics(services, loaded.Diagnostics);
            if (loaded.HasErrors)
            {
                await services.Error.WriteLineAsync($"reconciler: {path} is not a usable migration job; no server was contacted.");
                return MigrationExitCodes.Failed;
            }

            var migration = loaded.Job!;
            if (parse.GetValue(checkpoint) is { } cp)
            {
                migration = migration with { CheckpointPath = Path.GetFullPath(cp) };
            }

            var options = new MigrationRunOptions
            {
                DryRun = parse.GetValue(dryRun),
                Verify = parse.GetValue(noVerify) ? false : null,
                Mailboxes = parse.GetValue(mailboxes) ?? [],
            };
            if (!CheckSelection(services, migration, options))
            {
                return MigrationExitCodes.Usage;
            }

            var bars = parse.GetValue(progress) switch
            {
                "bars" => true,
                "json" => false,
                _ => ReferenceEquals(services.Out, Console.Out) && !Console.IsOutputRedirected,
            };

            MigrationReport report;
            try
            {
                report = await RunAsync(services, migration, options, bars, ct);
            }
            catch (CheckpointLockedException e)
            {
                await services.Error.WriteLineAsync($"reconciler: {e.Message}");
                return MigrationExitCodes.Failed;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
            {
                await services.Error.WriteLineAsync($"reconciler: cannot use the checkpoint file {migration.CheckpointPath}: {e.Message}");
                return MigrationExitCodes.Failed;
            }

            if (parse.GetValue(reportFile) is { } file)
            {
                await File.WriteAllTextAsync(file, MigrationReportJson.ToJson(report, indented: true) + "\n", CancellationToken.None);
            }

            return report.ExitCode;
        });
        return command;
    }

    private static async Task<MigrationReport> RunAsync(
        CliServices services, MigrationJob migration, MigrationRunOptions options, bool bars, CancellationToken ct)
    {
        MigrationReport report;
        if (bars)
            {
            var display = new MigrationProgressBars(services.Out);
            var runner = new MigrationRunner(migration, display, services.Clock);
            report = await display.ShowAsync(() => runner.RunAsync(options, ct));
            MigrationReportPrinter.Print(services.Out, report);
        }
        else
        {
            await using var lines = new MigrationJsonLines(services.Out, TimeSpan.FromSeconds(1));
            var runner = new MigrationRunner(migration, lines, services.Clock);
            report = await runner.RunAsync(options, ct);
            lines.Report(report);
        }

        return report;
    }

    private static bool CheckSelection(CliServices services, MigrationJob migration, MigrationRunOptions options)
    {
        MigrationRunner.Select(migration, options.Mailboxes, out var unknown);
        foreach (var name in unknown)
        {
            services.Error.WriteLine($"reconciler: the job has no mailbox named '{name}' (--mailbox takes the names from the job's report).");
        }

        return unknown.Count == 0;
    }

    private static void PrintDiagnostics(CliServices services, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var severity = d.IsError ? "error" : "warning";
            services.Error.WriteLine($"{d.Position}: {severity} {d.Code}: {d.Message}");
            if (d.Hint is not null)
            {
                services.Error.WriteLine($"    fix: {d.Hint}");
            }
        }
    }
}
