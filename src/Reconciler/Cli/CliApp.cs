using System.CommandLine;

namespace Reconciler.Cli;

/// <summary>The `reconciler` command line: one verb per file in this folder.</summary>
public static class CliApp
{
    /// <summary>How long a stop signal may take to finish the work in flight; the daemon's host allows the same.</summary>
    public static readonly TimeSpan GracefulStopLimit = TimeSpan.FromMinutes(2);

    public static RootCommand Create(CliServices services)
    {
        var root = new RootCommand("Reconciler: client mail domains (DNS, mailboxes, routing, posture) as code.");
        root.Subcommands.Add(ValidateCommand.Create(services));
        root.Subcommands.Add(SchemaCommand.Create(services));
        root.Subcommands.Add(PlanCommand.Create(services));
        root.Subcommands.Add(ApplyCommand.Create(services));
        root.Subcommands.Add(ImportCommand.Create(services));
        root.Subcommands.Add(PostureCommand.Create(services));
        root.Subcommands.Add(DkimCommand.Create(services));
        root.Subcommands.Add(SpfCommand.Create(services));
        root.Subcommands.Add(DigCommand.Create(services));
        root.Subcommands.Add(ServeCommand.Create(services));
        root.Subcommands.Add(HistoryCommand.Create(services));
        root.Subcommands.Add(MigrateCommand.Create(services));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliServices services, CancellationToken ct)
    {
        var root = Create(services);
        // No response files: `dig NAME @server` uses '@' the way dig does.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await services.Error.WriteLineAsync($"reconciler: {e.Message}");
            }

            await services.Error.WriteLineAsync("Run 'reconciler --help' for usage.");
            return parse.CommandResult.Command.Name == "plan" ? PlanCommand.UsageError : ExitCodes.Usage;
        }

        // SIGTERM/Ctrl-C cancel the token; the verb then finishes or journals the step in flight (serve, apply,
        // migrate). System.CommandLine's default two seconds would cut that short and exit 143 mid-step.
        var invocation = new InvocationConfiguration
        {
            Output = services.Out, Error = services.Error, ProcessTerminationTimeout = GracefulStopLimit,
        };
        return await parse.InvokeAsync(invocation, ct);
    }
}
