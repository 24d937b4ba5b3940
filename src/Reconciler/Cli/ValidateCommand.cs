using System.CommandLine;
using Reconciler.Schema;

namespace Reconciler.Cli;

/// <summary>`reconciler validate [PATH]`: the schema and the manifest rules, nothing live.</summary>
public static class ValidateCommand
{
    public static Command Create(CliServices services)
    {
        var path = new Argument<string>("path")
        {
            Description = "Portfolio folder (with reconciler.yaml) or one domain file. Default: the current folder.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ".",
        };
        var format = CliOptions.Format(OutputFormat.Text, OutputFormat.Json);
        var command = new Command("validate", "Check manifests against the schema and the posture rules; prints file:line:col for each problem.")
        {
            path,
            format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var result = await services.LoadPortfolioAsync(parse.GetValue(path)!, ct);
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                DiagnosticPrinter.PrintJson(services.Out, result);
            }
            else
            {
                DiagnosticPrinter.PrintText(services.Out, result, services.Color);
            }

            return result.HasErrors ? ExitCodes.Errors : ExitCodes.Ok;
        });
        return command;
    }
}
