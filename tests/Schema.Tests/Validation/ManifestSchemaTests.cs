using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.JsonSchema;

namespace Reconciler.Schema.Tests.Validation;

public sealed class ManifestSchemaTests
{
    private static Node Document => ManifestSchemaFixture.Schema.Document;

    [Fact]
    public void Uses_no_keyword_the_validator_would_ignore()
    {
        var compiled = CompiledSchema.Compile(Document);
        compiled.IgnoredKeywords.Should().BeEmpty("a misspelt keyword would silently check nothing");
    }

    [Fact]
    public void Every_property_has_a_description_for_editors()
    {
        var missing = new List<string>();
        Walk(Document, "#", missing);
        missing.Should().BeEmpty();
    }

    [Fact]
    public void Each_file_kind_has_its_own_definition()
    {
        var map = (MapNode)YamlLoader.Load("domain: a.example\n", "d.yaml").Document!;
        ManifestSchemaFixture.Schema.Validate(map, SchemaPart.Domain).Should().BeEmpty();
        ManifestSchemaFixture.Schema.Validate(map, SchemaPart.Template).Should().ContainSingle(d => d.Code == "SCHEMA003");
        ManifestSchemaFixture.Schema.Validate(map, SchemaPart.Config).Should().NotBeEmpty();
    }

    private static void Walk(Node node, string path, List<string> missing)
    {
        switch (node)
        {
            case MapNode map:
                if (map["properties"] is MapNode props)
                {
                    foreach (var p in props.Entries)
                    {
                        if (p.Value is MapNode schema && !schema.ContainsKey("description"))
                        {
                            missing.Add($"{path}/properties/{p.Key}");
                        }
                    }
                }

                foreach (var e in map.Entries)
                {
                    Walk(e.Value, $"{path}/{e.Key}", missing);
                }

                break;
            case ListNode list:
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], $"{path}/{i}", missing);
                }

                break;
        }
    }
}
