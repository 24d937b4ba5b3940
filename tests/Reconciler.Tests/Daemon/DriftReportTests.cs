using System.Text.Json;
using Reconciler.Daemon;
using Reconciler.Schema.Model;
using Reconciler.Tests.Planning;

namespace Reconciler.Tests.Daemon;

public sealed class DriftReportTests
{
    public const string Manifest = """
        domain: d.example
        mail:
          provider: none
          mx: [{ host: mx1.host.example }]
        dns:
          records:
            - { name: "@", type: A, value: 192.0.2.10 }
            - { name: www, type: CNAME, value: "@" }
        """;

    private static readonly DateTimeOffset Since = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_changed_MX_reads_like_the_issue_says()
    {
        var plan = PlanningFixture.Diff(Manifest, PlanningFixture.Zone("@ A 192.0.2.10\nwww CNAME @\n@ MX 10 mx.elsewhere.example."));
        var report = DriftReport.Build(plan, "0123456789abcdef0123", Since, DriftAction.Report);
        report.Summary.Should().Be("MX changed outside Git");
        DriftReport.CommitMessage("d.example", report.Summary).Should().Be("drift(d.example): MX changed outside Git");
        report.Markdown.Should().StartWith("# Drift: d.example")
            .And.Contain("Seen since: 2026-11-22 09:30:00 UTC")
            .And.Contain("`0123456789ab`")
            .And.Contain("| `MX @` | changed outside Git | 10 mx1.host.example. (ttl 3600) | 10 mx.elsewhere.example. (ttl 3600) |")
            .And.Contain("## The plan that would restore Git's state")
            .And.Contain("| 1 | ✏️ update | `MX @` |");
    }

    [Fact]
    public void Added_and_removed_records_are_told_apart_and_the_sidecar_is_machine_readable()
    {
        var plan = PlanningFixture.Diff(Manifest, PlanningFixture.Zone("@ A 192.0.2.10\n@ MX 10 mx1.host.example.\nftp A 198.51.100.1"));
        var report = DriftReport.Build(plan, null, Since, DriftAction.Revert);
        report.Summary.Should().Be("A ftp, CNAME www changed outside Git", "labels are sorted; added and removed together read as changed");
        report.Differences.Select(d => $"{d.Resource}:{d.Change}").Should().BeEquivalentTo(["A ftp:added", "CNAME www:removed"]);
        report.Markdown.Should().Contain("the daemon puts Git's state back").And.Contain("| `A ftp` | added outside Git | (absent) | 198.51.100.1 (ttl 3600) |");

        using var json = JsonDocument.Parse(report.Json);
        var root = json.RootElement;
        root.GetProperty("domain").GetString().Should().Be("d.example");
        root.GetProperty("policy").GetString().Should().Be("revert");
        root.GetProperty("since").GetString().Should().Be("2026-11-22T09:30:00.0000000Z");
        root.GetProperty("manifestCommit").ValueKind.Should().Be(JsonValueKind.Null);
        var removed = root.GetProperty("differences").EnumerateArray().Single(d => d.GetProperty("change").GetString() == "removed");
        removed.GetProperty("git").GetString().Should().Be("d.example. (ttl 3600)");
        removed.GetProperty("live").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void The_same_drift_renders_the_same_files_so_no_new_commit_is_made()
    {
        var live = PlanningFixture.Zone("@ A 198.51.100.66\nwww CNAME @\n@ MX 10 mx1.host.example.");
        var a = DriftReport.Build(PlanningFixture.Diff(Manifest, live), "c1", Since, DriftAction.Report);
        var b = DriftReport.Build(PlanningFixture.Diff(Manifest, live), "c1", Since, DriftAction.Report);
        b.Markdown.Should().Be(a.Markdown);
        b.Json.Should().Be(a.Json);
        b.Fingerprint.Should().Be(a.Fingerprint);

        var other = DriftReport.Build(PlanningFixture.Diff(Manifest, PlanningFixture.Zone("@ A 198.51.100.67\nwww CNAME @\n@ MX 10 mx1.host.example.")), "c1", Since, DriftAction.Report);
        other.Fingerprint.Should().NotBe(a.Fingerprint, "a different live value is a changed drift");
    }

    [Fact]
    public void Long_lists_are_shortened_in_the_summary()
    {
        var plan = PlanningFixture.Diff(Manifest, PlanningFixture.Zone("a A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\nd A 192.0.2.4\n@ A 192.0.2.10\nwww CNAME @\n@ MX 10 mx1.host.example."));
        DriftReport.Build(plan, null, Since, DriftAction.Report).Summary.Should().Be("A a, A b, A c and 1 more added outside Git");
    }
}
