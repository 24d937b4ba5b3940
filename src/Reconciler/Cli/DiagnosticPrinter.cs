using System.Text.Json;
using Reconciler.Schema;
using Reconciler.Schema.Validation;

namespace Reconciler.Cli;

/// <summary>Prints diagnostics the way compilers do (one line each, clickable) or as JSON for tools.</summary>
public static class DiagnosticPrinter
{
    public static void PrintText(TextWriter output, PortfolioLoadResult result, bool color)
    {
        foreach (var d in result.Diagnostics)
        {
            var severity = d.IsError ? Paint("error", "31", color) : Paint("warning", "33", color);
            output.WriteLine($"{d.Position}: {severity} {d.Code}: {d.Message}");
            if (d.Hint is not null)
            {
                output.WriteLine($"    fix: {d.Hint}");
            }
        }

        var summary = $"{result.DomainsChecked} domain{(result.DomainsChecked == 1 ? "" : "s")} checked ({result.FilesChecked} files): " +
                      $"{result.ErrorCount} error{(result.ErrorCount == 1 ? "" : "s")}, {result.WarningCount} warning{(result.WarningCount == 1 ? "" : "s")}";
        output.WriteLine(result.HasErrors ? Paint(summary, "31", color) : Paint(summary, "32", color));
    }

    public static void PrintJson(TextWriter output, PortfolioLoadResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("domains", result.DomainsChecked);
            w.WriteNumber("files", result.FilesChecked);
            w.WriteNumber("errors", result.ErrorCount);
            w.WriteNumber("warnings", result.WarningCount);
            w.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                Write(w, d);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static void Write(Utf8JsonWriter w, Diagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("file", d.Position.File);
        w.WriteNumber("line", d.Position.Line);
        w.WriteNumber("column", d.Position.Column);
        w.WriteString("severity", d.IsError ? "error" : "warning");
        w.WriteString("code", d.Code);
        w.WriteString("message", d.Message);
        if (d.Hint is not null)
        {
            w.WriteString("hint", d.Hint);
        }

        w.WriteEndObject();
    }

    private static string Paint(string text, string code, bool color) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
