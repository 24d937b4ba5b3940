using System.Text;
using System.Text.Json;

namespace Reconciler.Posture.Reporting;

/// <summary>The report for tools: one object per domain with its grade, a cell per area and the findings.</summary>
public static class PostureJsonWriter
{
    public static string Write(PostureReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("source", report.Source);
            w.WriteString("generated", report.Generated);
            w.WriteString("grading", PostureGrading.Explanation);
            w.WriteNumber("errors", report.Count(FindingSeverity.Error));
            w.WriteNumber("warnings", report.Count(FindingSeverity.Warning));
            w.WriteNumber("info", report.Count(FindingSeverity.Info));
            w.WriteStartArray("domains");
            foreach (var d in report.Domains)
            {
                w.WriteStartObject();
                w.WriteString("domain", d.Domain);
                if (d.File is not null)
                {
                    w.WriteString("file", d.File);
                }

                w.WriteString("grade", d.Grade.ToString());
                w.WriteStartObject("areas");
                foreach (var a in PostureAreas.All)
                {
                    w.WriteString(PostureAreas.Name(a), PostureCells.Label(d, a));
                }

                w.WriteEndObject();
                w.WriteStartArray("findings");
                foreach (var f in d.Findings)
                {
                    w.WriteStartObject();
                    w.WriteString("area", PostureAreas.Name(f.Area));
                    w.WriteString("code", f.Code);
                    w.WriteString("severity", PostureCells.Label(f.Severity));
                    w.WriteString("message", f.Message);
                    w.WriteString("rfc", f.Rfc);
                    w.WriteString("fix", f.Fix);
                    if (f.Location is { IsKnown: true } at)
                    {
                        w.WriteString("file", at.File);
                        w.WriteNumber("line", at.Line);
                        w.WriteNumber("column", at.Column);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
