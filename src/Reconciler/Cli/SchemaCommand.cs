using System.CommandLine;
using Reconciler.Schema.Validation;

namespace Reconciler.Cli;

/// <summary>`reconciler schema`: prints the JSON Schema that manifests follow, for editors and other tools.</summary>
public static class SchemaCommand
{
    public static Command Create(CliServices services)
    {
        var command = new Command("schema", "Print the manifest JSON Schema (2020-12).");
        command.SetAction(_ =>
        {
            services.Out.Write(ManifestSchema.Text());
            return ExitCodes.Ok;
        });
        return command;
    }
}
