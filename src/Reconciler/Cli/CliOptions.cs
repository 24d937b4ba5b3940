using System.CommandLine;

namespace Reconciler.Cli;

/// <summary>Options several verbs share, defined once so they read the same everywhere.</summary>
public static class CliOptions
{
    /// <summary>--format, taking one of <paramref name="allowed"/>; the first is the default.</summary>
    public static Option<OutputFormat> Format(params OutputFormat[] allowed)
    {
        var defaultFormat = allowed[0];
        var option = new Option<OutputFormat>("--format")
        {
            Description = "Output format: " + string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant())) + ".",
            DefaultValueFactory = _ => defaultFormat,
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? defaultFormat.ToString() : r.Tokens[0].Value;
                foreach (var a in allowed)
                {
                    if (string.Equals(a.ToString(), text, StringComparison.OrdinalIgnoreCase))
                    {
                        return a;
                    }
                }

                r.AddError($"--format must be one of: {string.Join(", ", allowed.Select(a => a.ToString().ToLowerInvariant()))}");
                return defaultFormat;
            },
        };
        return option;
    }

    public static Argument<string> PortfolioArgument() => new("portfolio")
    {
        Description = "Portfolio folder (with reconciler.yaml). Default: the current folder.",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => ".",
    };

    public static Option<string[]> Domains() => new("--domain", "-d")
    {
        Description = "Only this domain (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Journal() => new("--journal")
    {
        Description = "Apply journal (SQLite). Default: .reconciler/journal.db in the portfolio.",
    };
}
