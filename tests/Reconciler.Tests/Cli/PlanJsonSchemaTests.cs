using Reconciler.Tests.Shared;
using Reconciler.Planning;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Cli;

/// <summary>The JSON a plan prints is exactly what plan.schema.json documents, and a saved plan reads back unchanged.</summary>
public sealed class PlanJsonSchemaTests
{
    [Fact]
    public async Task Plan_json_follows_its_documented_schema_and_round_trips()
    {
        using var p = TempPortfolio.CopyOf(RepoPaths.InRepo("examples", "portfolio"));
        foreach (var d in new[] { ".state", ".reconciler" }.Select(x => Path.Combine(p.Path, x)).Where(Directory.Exists))
        {
            Directory.Delete(d, true);
        }

        var r = await ReconcilerProcess.RunAsync(p.Path, "plan", "--format", "json");
        r.ExitCode.Should().Be(0, r.Output);

        var schemaPath = RepoPaths.InRepo("src", "Reconciler", "Planning", "plan.schema.json");
        var schema = CompiledSchema.Compile(NodeJson.Parse(File.ReadAllText(schemaPath), schemaPath));
        schema.IgnoredKeywords.Should().BeEmpty();
        schema.Validate(NodeJson.Parse(r.StdOut, "plan.json")).Should().BeEmpty();

        var plan = PlanJson.Read(r.StdOut, "plan.json");
        plan.Steps.Should().NotBeEmpty().And.Contain(s => s.NotBefore != null).And.Contain(s => s.Action == StepAction.Delete);
        PlanJson.Write(plan).Should().Be(r.StdOut.TrimEnd('\n'));
    }

    [Fact]
    public void An_edited_saved_plan_is_refused()
    {
        var plan = new Plan(DateTimeOffset.UnixEpoch, "/p", null, [new DomainPlan("a.example", "zones", null, "abc", [])]);
        var json = PlanJson.Write(plan).Replace("\"abc\"", "\"abd\"", StringComparison.Ordinal);
        var act = () => PlanJson.Read(json, "plan.json");
        act.Should().Throw<FormatException>().WithMessage("plan.json: *the file was edited*");
    }
}
