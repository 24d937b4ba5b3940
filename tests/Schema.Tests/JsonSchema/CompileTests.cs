using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.JsonSchema;

using Reconciler.Schema.Validation.JsonSchema;

/// <summary>What Compile accepts, rejects, and how it resolves references.</summary>
public sealed class CompileTests
{
    [Theory]
    [InlineData("unevaluatedProperties", """{ "properties": { "a": {} }, "unevaluatedProperties": false }""", "#/unevaluatedProperties")]
    [InlineData("unevaluatedItems", """{ "allOf": [ { "unevaluatedItems": false } ] }""", "#/allOf/0/unevaluatedItems")]
    [InlineData("$dynamicRef", """{ "$defs": { "x": { "$dynamicRef": "#node" } } }""", "#/$defs/x/$dynamicRef")]
    [InlineData("$ref", """{ "$ref": "https://example.com/other.json" }""", "#/$ref")]
    [InlineData("$schema", """{ "$schema": "http://json-schema.org/draft-07/schema#" }""", "#/$schema")]
    [InlineData("pattern", """{ "pattern": "\\p{Script=Greek}" }""", "#/pattern")]
    public void UnsupportedFeaturesAreRejectedWithTheirLocation(string keyword, string schema, string location)
    {
        var act = () => CompiledSchema.Compile(NodeJson.Parse(schema, "s.json"));
        var e = act.Should().Throw<UnsupportedSchemaException>().Which;
        e.Keyword.Should().Be(keyword);
        e.SchemaLocation.Should().Be(location);
        e.Position.File.Should().Be("s.json");
        e.Message.Should().Contain(keyword).And.Contain(location);
    }

    [Theory]
    [InlineData("""{ "$ref": "#" }""")]
    [InlineData("""{ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "allOf": [ { "$ref": "#/$defs/a" } ] } }, "$ref": "#/$defs/a" }""")]
    [InlineData("""{ "$defs": { "a": { "if": true, "then": { "$ref": "#/$defs/a" } } } }""")]
    public void ReferenceLoopsThatNeverDescendAreRejectedInsteadOfHanging(string schema)
    {
        var act = () => CompiledSchema.Compile(NodeJson.Parse(schema));
        act.Should().Throw<InvalidSchemaException>().WithMessage("*loop*");
    }

    [Fact]
    public void RecursiveSchemasThatDescendAreFine()
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse("""
            { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#" } } }, "additionalProperties": false }
            """));

        schema.IsValid(NodeJson.Parse("""{ "children": [ { "children": [] }, { "children": [ { } ] } ] }""")).Should().BeTrue();
        schema.IsValid(NodeJson.Parse("""{ "children": [ { "children": [ { "x": 1 } ] } ] }""")).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{ "minimum": "5" }""", "minimum", "must be a number")]
    [InlineData("""{ "type": "int" }""", "type", "'int' is not a type*")]
    [InlineData("""{ "pattern": "[a-" }""", "pattern", "*not a valid regular expression*")]
    [InlineData("""{ "$ref": "#/$defs/missing" }""", "$ref", "*points to nothing*")]
    [InlineData("""{ "required": "name" }""", "required", "must be a list of property names")]
    [InlineData("""{ "items": [ {} ] }""", "items", "*prefixItems*")]
    [InlineData("""{ "properties": { "a": 5 } }""", "a", "expected a schema*")]
    public void MalformedSchemasAreRejected(string schema, string keyword, string reason)
    {
        var act = () => CompiledSchema.Compile(NodeJson.Parse(schema));
        var e = act.Should().Throw<InvalidSchemaException>().Which;
        e.Keyword.Should().Be(keyword);
        e.Reason.Should().Match(reason);
    }

    [Fact]
    public void UnknownKeywordsAndUncheckedFormatsAreIgnoredButListed()
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse("""
            {
              "properties": { "name": { "type": "string", "maxLenght": 3, "format": "uuid" } },
              "x-owner": "dns-team"
            }
            """, "s.json"));

        schema.IsValid(NodeJson.Parse("""{ "name": "longer than three" }""")).Should().BeTrue();
        schema.IgnoredKeywords.Select(i => (i.Keyword, i.SchemaLocation)).Should().BeEquivalentTo(new[]
        {
            ("maxLenght", "#/properties/name/maxLenght"),
            ("format", "#/properties/name/format"),
            ("x-owner", "#/x-owner"),
        });
        schema.IgnoredKeywords.Single(i => i.Keyword == "maxLenght").Position.Should().Be(new SourcePosition("s.json", 2, 47));
    }

    [Fact]
    public void AnnotationsAreAcceptedSilently()
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse("""
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/m.json", "$comment": "c",
              "title": "t", "description": "d", "default": 1, "examples": [1], "deprecated": false, "readOnly": false,
              "writeOnly": false, "contentMediaType": "text/plain", "contentEncoding": "base64", "contentSchema": {} }
            """));

        schema.IgnoredKeywords.Should().BeEmpty();
    }

    [Fact]
    public void RegisteredDocumentsCanBeReferenced()
    {
        var common = NodeJson.Parse("""
            { "$defs": { "ttl": { "type": "integer", "minimum": 60 } } }
            """, "common.json");
        var main = NodeJson.Parse("""
            { "$id": "https://schemas.example/manifest.json", "properties": { "ttl": { "$ref": "common.json#/$defs/ttl" } } }
            """, "manifest.json");

        var schema = CompiledSchema.Compile(main, documents: new Dictionary<Uri, Node> { [new Uri("https://schemas.example/common.json")] = common });

        var e = schema.Validate(NodeJson.Parse("""{ "ttl": 5 }""")).Should().ContainSingle().Subject;
        e.Message.Should().Be("must be at least 60 (got 5)");
        e.SchemaLocation.Should().Be("https://schemas.example/common.json#/$defs/ttl/minimum");
        e.KeywordLocation.Should().Be("/properties/ttl/$ref/minimum");
    }

    [Fact]
    public void RelativeIdsResolveAgainstTheEnclosingBase()
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse("""
            {
              "$defs": {
                "records": { "$id": "records/", "$defs": { "mx": { "$id": "mx.json", "type": "object", "required": ["priority"] } } },
                "host": { "$anchor": "host", "type": "string", "format": "hostname" }
              },
              "properties": {
                "mx": { "$ref": "records/mx.json" },
                "exchange": { "$ref": "#host" }
              }
            }
            """), new Uri("https://schemas.example/manifest.json"));

        schema.IsValid(NodeJson.Parse("""{ "mx": { "priority": 10 }, "exchange": "mx.example.com" }""")).Should().BeTrue();
        schema.IsValid(NodeJson.Parse("""{ "mx": {} }""")).Should().BeFalse();
        schema.IsValid(NodeJson.Parse("""{ "exchange": "not a host" }""")).Should().BeFalse();
    }

    [Fact]
    public void LengthsCountCodePointsNotUtf16Units()
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse("""{ "maxLength": 2, "minLength": 2 }"""));
        schema.IsValid(NodeJson.Parse("\"🐲🐲\"")).Should().BeTrue();
        schema.IsValid(NodeJson.Parse("\"🐲\"")).Should().BeFalse();
    }

    [Theory]
    [InlineData("0.1", "0.3", true)]
    [InlineData("0.01", "19.99", true)]
    [InlineData("0.01", "19.999", false)]
    [InlineData("0.5", "1e308", true)]
    [InlineData("7", "1e308", false)]
    [InlineData("1e300", "1e308", false)]
    [InlineData("3", "79228162514264337593543950335", true)]
    public void MultipleOfIsExact(string divisor, string value, bool expected)
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse($$"""{ "multipleOf": {{divisor}} }"""));
        schema.IsValid(NodeJson.Parse(value)).Should().Be(expected);
    }

    [Fact]
    public void VeryDeepDocumentsFailCleanly()
    {
        Node node = new ListNode([], SourcePosition.None);
        for (var i = 0; i < 200_000; i++)
        {
            node = new ListNode([node], SourcePosition.None);
        }

        var schema = CompiledSchema.Compile(NodeJson.Parse("""{ "type": "array", "items": { "$ref": "#" } }"""));
        schema.IsValid(node).Should().BeFalse();
        schema.Validate(node).Should().ContainSingle().Which.Message.Should().Contain("nested too deeply");
    }

    [Fact]
    public void CompiledSchemasAreSafeToShareAcrossThreads()
    {
        var schema = CompiledSchema.Compile(NodeJson.Parse(ManifestLikeSchema.Json));
        var good = NodeJson.Parse("""{ "domain": "example.com", "dmarc": { "policy": "none" } }""");
        var bad = NodeJson.Parse("""{ "domain": "example.com", "dmarc": { "policy": "nonе" } }""");
        Parallel.For(0, 2000, i =>
        {
            schema.IsValid(good).Should().BeTrue();
            schema.Validate(bad).Should().ContainSingle();
        });
    }
}
