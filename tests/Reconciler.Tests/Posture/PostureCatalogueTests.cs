using System.Reflection;
using System.Text.RegularExpressions;
using Reconciler.Posture;

namespace Reconciler.Tests.Posture;

public sealed class PostureCatalogueTests
{
    [Fact]
    public void Every_rule_is_listed_once_with_a_well_formed_code_source_and_fix()
    {
        var declared = typeof(PostureCatalogue).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(PostureRule))
            .Select(f => (PostureRule)f.GetValue(null)!)
            .ToList();
        PostureCatalogue.All.Should().BeEquivalentTo(declared);
        PostureCatalogue.All.Select(r => r.Code).Should().OnlyHaveUniqueItems();
        foreach (var rule in PostureCatalogue.All)
        {
            rule.Code.Should().MatchRegex("^(SPF|DMARC|DKIM|MTASTS|TLSRPT)[0-9]{3}$");
            rule.Rfc.Should().MatchRegex("^RFC [0-9]{4} §");
            rule.Fix.Should().NotBeNullOrWhiteSpace().And.EndWith(".");
            rule.Title.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Codes_of_a_family_are_numbered_without_gaps()
    {
        foreach (var family in PostureCatalogue.All.GroupBy(r => Regex.Match(r.Code, "^[A-Z]+").Value))
        {
            var numbers = family.Select(r => int.Parse(r.Code[family.Key.Length..])).Order().ToList();
            numbers.Should().Equal(Enumerable.Range(1, numbers.Count), family.Key);
        }
    }

    [Fact]
    public void A_finding_carries_the_rule_data()
    {
        var finding = PostureCatalogue.SpfTooManyLookups.Report("acme.example needs 12 lookups");
        finding.Should().Be(new PostureFinding("SPF003", FindingSeverity.Error, "acme.example needs 12 lookups",
            "RFC 7208 §4.6.4", PostureCatalogue.SpfTooManyLookups.Fix));
    }
}
