using System.Net;
using Reconciler.Posture.Spf;
using Reconciler.Tests.Common;
using Xunit.Abstractions;

namespace Reconciler.Tests.Posture;

/// <summary>Runs every case of the openspf RFC 7208 suite against <see cref="SpfEvaluator"/>.</summary>
public sealed class SpfRfc7208SuiteTests(ITestOutputHelper output)
{
    /// <summary>Cases not run, by id, with the reason. Empty: every case runs.</summary>
    private static readonly IReadOnlyDictionary<string, string> Skipped = new Dictionary<string, string>();

    /// <summary>
    /// Cases whose explanation is compared ignoring case, with the reason. The suite (written against pyspf) expects
    /// upper-case hex nibbles for %{i} of an IPv6 address; RFC 7208 §7.4's own example expands %{ir} of 2001:db8::cb01
    /// to lower case ("1.0.b.c.0.0..."), which is what we produce. Everything else in the expected text must match
    /// exactly.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ExplanationIgnoringCase = new Dictionary<string, string>
    {
        ["Macro expansion rules / v-macro-ip6"] =
            "expects upper-case IPv6 nibbles from %{ir}; RFC 7208 §7.4 shows lower case, which we produce",
    };

    private static readonly Lazy<SpfSuite> Suite = new(SpfSuite.Load);

    public static IEnumerable<object[]> CaseIds() =>
        Suite.Value.Cases.Where(c => !Skipped.ContainsKey(c.Id)).Select(c => new object[] { c.Id });

    [Theory]
    [MemberData(nameof(CaseIds))]
    public async Task Case(string id)
    {
        var suiteCase = Suite.Value.Cases.Single(c => c.Id == id);
        var (passed, detail) = await RunAsync(suiteCase);
        output.WriteLine(detail);
        passed.Should().BeTrue(detail);
    }

    [Fact]
    public async Task Whole_suite_summary()
    {
        File.Exists(SpfSuite.FilePath).Should().BeTrue($"the suite must be at {SpfSuite.FilePath}");
        var cases = Suite.Value.Cases;
        var passed = 0;
        var failures = new List<string>();
        foreach (var c in cases.Where(c => !Skipped.ContainsKey(c.Id)))
        {
            var (ok, detail) = await RunAsync(c);
            if (ok)
            {
                passed++;
            }
            else
            {
                failures.Add(detail);
            }
        }

        var summary = $"{passed} passed, {failures.Count} failed, {Skipped.Count} skipped (of {cases.Count} cases)";
        output.WriteLine(summary);
        SuiteReport.Write("spf-rfc7208", "RFC 7208 SPF suite: " + summary + (failures.Count > 0 ? "\n" + string.Join("\n", failures) : "") + "\n");
        foreach (var (id, reason) in Skipped)
        {
            output.WriteLine($"skipped {id}: {reason}");
        }

        foreach (var f in failures)
        {
            output.WriteLine("FAILED " + f);
        }

        Skipped.Keys.Should().BeSubsetOf(cases.Select(c => c.Id), "every skip-list entry names a case of the suite");
        ExplanationIgnoringCase.Keys.Should().BeSubsetOf(cases.Select(c => c.Id));
        // The file holds 203 cases; counting "result:" lines gives 205 because two case names contain "result".
        cases.Should().HaveCount(203, "the published file holds 203 cases");
        failures.Should().BeEmpty();
    }

    private static async Task<(bool Passed, string Detail)> RunAsync(SpfSuiteCase c)
    {
        var resolver = SpfSuite.BuildResolver(c.ZoneData);
        var evaluator = new SpfEvaluator(resolver, new SpfEvaluatorOptions { DefaultExplanation = "DEFAULT" });
        var result = await evaluator.CheckMailFromAsync(IPAddress.Parse(c.Host), c.MailFrom, c.Helo, CancellationToken.None);
        var actual = result.Result.ToString().ToLowerInvariant();
        var resultOk = c.Results.Contains(actual);
        var explanationOk = true;
        if (c.Explanation is not null && result.Result == SpfResult.Fail)
        {
            var comparison = ExplanationIgnoringCase.ContainsKey(c.Id)
                ? StringComparison.OrdinalIgnoreCase
                : StringComparison.Ordinal;
            explanationOk = string.Equals(c.Explanation, result.Explanation, comparison);
        }

        var detail = $"{c.Id} (spec {c.Spec}): host {c.Host}, mailfrom '{c.MailFrom}', helo '{c.Helo}' → {actual}" +
                     $" (expected {string.Join(" or ", c.Results)})" +
                     (c.Explanation is null ? "" : $", explanation '{result.Explanation}' (expected '{c.Explanation}')") +
                     $"; reason: {result.Reason}; lookups {result.DnsLookups}, void {result.VoidLookups}";
        return (resultOk && explanationOk, detail);
    }
}
