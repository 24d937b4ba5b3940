using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.JsonSchema;

using Reconciler.Schema.Validation.JsonSchema;

/// <summary>Errors are for people editing manifests: the wording, and that they point at the right line and column.</summary>
public sealed class ErrorMessageTests
{
    private static readonly CompiledSchema Manifest = CompiledSchema.Compile(NodeJson.Parse(ManifestLikeSchema.Json, "manifest.schema.json"));

    [Fact]
    public void ValidDocumentHasNoErrors()
    {
        var doc = Parse("""
            {
              "domain": "example.com",
              "ttl": 300,
              "contact": "hostmaster@example.com",
              "dmarc": { "policy": "reject" },
              "records": [
                { "type": "A", "name": "www", "value": "192.0.2.1" },
                { "type": "MX", "priority": 10, "value": "mx.example.com" }
              ],
              "aliases": { "postmaster": "bob" }
            }
            """);

        Manifest.IsValid(doc).Should().BeTrue();
        Manifest.Validate(doc).Should().BeEmpty();
    }

    [Fact]
    public void UnknownPropertyPointsAtTheKeyAndSuggestsTheDeclaredName()
    {
        var errors = Manifest.Validate(Parse("""
            {
              "domain": "example.com",
              "ttll": 300,
              "dmarc": {}
            }
            """));

        var e = errors.Should().ContainSingle().Subject;
        e.Message.Should().Be("'ttll' is not allowed here (did you mean 'ttl'?)");
        e.Keyword.Should().Be("additionalProperties");
        e.InstanceLocation.Should().Be("/ttll");
        e.Position.Should().Be(new SourcePosition("domain.json", 3, 3));
        e.KeywordLocation.Should().Be("/additionalProperties");
        e.SchemaLocation.Should().Be("#/additionalProperties");
        e.ToString().Should().Be("domain.json:3:3: /ttll: 'ttll' is not allowed here (did you mean 'ttl'?)");
    }

    [Fact]
    public void UnknownPropertyWithoutCloseMatchListsTheAllowedOnes()
    {
        var e = Manifest.Validate(Parse("""{ "domain": "example.com", "dmarc": { "rua": "x" } }""")).Should().ContainSingle().Subject;
        e.Message.Should().Be("'rua' is not allowed here; allowed: policy");
    }

    [Fact]
    public void EnumListsTheChoicesAndSuggestsOne()
    {
        var e = Manifest.Validate(Parse("""
            {
              "domain": "example.com",
              "dmarc": {
                "policy": "quarantin"
              }
            }
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("expected one of: none, quarantine, reject; got string \"quarantin\" (did you mean 'quarantine'?)");
        e.Position.Should().Be(new SourcePosition("domain.json", 4, 15));
        e.InstanceLocation.Should().Be("/dmarc/policy");
    }

    [Fact]
    public void WrongTypeSaysWhatWasExpectedAndWhatWasFound()
    {
        var e = Manifest.Validate(Parse("""
            {
              "domain": "example.com",
              "dmarc": {},
              "ttl": "300s"
            }
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("expected an integer, got string \"300s\"");
        e.Keyword.Should().Be("type");
        e.Position.Should().Be(new SourcePosition("domain.json", 4, 10));
    }

    [Fact]
    public void MinimumNamesTheBound()
    {
        var e = Manifest.Validate(Parse("""{ "domain": "example.com", "dmarc": {}, "ttl": 30 }""")).Should().ContainSingle().Subject;
        e.Message.Should().Be("must be at least 60 (got 30)");
        e.Keyword.Should().Be("minimum");
    }

    [Fact]
    public void MissingRequiredPropertyPointsAtTheMap()
    {
        var e = Manifest.Validate(Parse("""

              {
                "dmarc": {}
              }
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("missing required property 'domain'");
        e.InstanceLocation.Should().Be("");
        e.Position.Should().Be(new SourcePosition("domain.json", 2, 3));
    }

    [Fact]
    public void OneOfReportsOnlyTheBranchWhoseDiscriminatorMatched()
    {
        var errors = Manifest.Validate(Parse("""
            {
              "domain": "example.com",
              "dmarc": {},
              "records": [
                { "type": "MX", "priority": "high", "value": "mx.example.com" }
              ]
            }
            """));

        var e = errors.Should().ContainSingle().Subject;
        e.Message.Should().Be("expected an integer, got string \"high\"");
        e.InstanceLocation.Should().Be("/records/0/priority");
        e.Position.Should().Be(new SourcePosition("domain.json", 5, 33));
        e.KeywordLocation.Should().Be("/properties/records/items/$ref/oneOf/1/properties/priority/type");
        e.SchemaLocation.Should().Be("#/$defs/record/oneOf/1/properties/priority/type");
    }

    [Fact]
    public void OneOfWithAMistypedDiscriminatorListsTheKnownValues()
    {
        var e = Manifest.Validate(Parse("""
            { "domain": "example.com", "dmarc": {}, "records": [ { "type": "MXX", "priority": 10, "value": "mx.example.com" } ] }
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("expected one of: A, MX; got string \"MXX\" (did you mean 'MX'?)");
        e.InstanceLocation.Should().Be("/records/0/type");
        e.Keyword.Should().Be("oneOf");
        e.Position.Column.Should().Be(64);
    }

    [Fact]
    public void OneOfBranchWithTheRightDiscriminatorReportsMissingAndMisspeltProperties()
    {
        var errors = Manifest.Validate(Parse("""
            { "domain": "example.com", "dmarc": {}, "records": [ { "type": "A", "nmae": "www", "value": "192.0.2.1" } ] }
            """));

        errors.Select(e => e.Message).Should().BeEquivalentTo(
            "missing required property 'name'",
            "'nmae' is not allowed here (did you mean 'name'?)");
    }

    [Fact]
    public void OneOfWhereNoBranchTakesTheTypeSaysSo()
    {
        var e = Manifest.Validate(Parse("""
            { "domain": "example.com", "dmarc": {}, "records": [ "A www 192.0.2.1" ] }
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("expected a map, got string \"A www 192.0.2.1\"");
        e.InstanceLocation.Should().Be("/records/0");
    }

    [Fact]
    public void OneOfMatchingSeveralBranchesSaysWhich()
    {
        var schema = Compile("""
            { "oneOf": [ { "title": "a port", "type": "integer" }, { "title": "a positive number", "minimum": 1 } ] }
            """);

        var e = schema.Validate(Parse("8080")).Should().ContainSingle().Subject;
        e.Message.Should().Be("matches more than one of the allowed alternatives ('a port' and 'a positive number'); it must match exactly one");
        e.Keyword.Should().Be("oneOf");
    }

    [Fact]
    public void AnyOfOfTypesMergesIntoOneMessage()
    {
        var schema = Compile("""{ "anyOf": [ { "type": "string" }, { "type": "integer", "minimum": 0 } ] }""");
        var e = schema.Validate(Parse("true")).Should().ContainSingle().Subject;
        e.Message.Should().Be("expected a string or an integer, got true");
    }

    [Fact]
    public void AnyOfPicksTheBranchThatGotFurthest()
    {
        var schema = Compile("""
            { "anyOf": [
                { "type": "object", "required": ["ip"], "properties": { "ip": { "format": "ipv4" } } },
                { "type": "object", "required": ["host"], "properties": { "host": { "format": "hostname" } } } ] }
            """);

        var e = schema.Validate(Parse("""{ "host": "bad_host" }""")).Should().ContainSingle().Subject;
        e.InstanceLocation.Should().Be("/host");
        e.Message.Should().Be("\"bad_host\" is not a valid host name: it contains '_' (only letters, digits, hyphens and dots are allowed)");
    }

    [Fact]
    public void FormatErrorsSayWhy()
    {
        var errors = Manifest.Validate(Parse("""{ "domain": "-example.com", "contact": "bob@", "dmarc": {} }"""));
        errors.Select(e => e.Message).Should().Equal(
            "\"-example.com\" is not a valid host name: a label starts or ends with a hyphen",
            "\"bob@\" is not a valid email address: the domain after '@' is missing");
    }

    [Fact]
    public void PropertyNameErrorsPointAtTheKey()
    {
        var e = Manifest.Validate(Parse("""
            {
              "domain": "example.com",
              "dmarc": {},
              "aliases": {
                "postmaster": "bob",
                  "Bob Smith": "bob"
              }
            }
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("property name 'Bob Smith': must match the pattern ^[a-z0-9._-]+$ (got \"Bob Smith\")");
        e.Position.Should().Be(new SourcePosition("domain.json", 6, 7));
        e.InstanceLocation.Should().Be("/aliases/Bob Smith");
    }

    [Fact]
    public void ErrorsComeInDocumentOrder()
    {
        var errors = Manifest.Validate(Parse("""
            {
              "ttl": "x",
              "domain": 5,
              "dmarc": { "policy": "nope" }
            }
            """));

        errors.Select(e => e.Position.Line).Should().Equal(2, 3, 4);
    }

    [Theory]
    [InlineData("""{ "maxLength": 2 }""", "\"abc\"", "must be at most 2 characters long (got 3)")]
    [InlineData("""{ "minLength": 2 }""", "\"a\"", "must be at least 2 characters long (got 1)")]
    [InlineData("""{ "minItems": 1 }""", "[]", "must have at least 1 item (has 0)")]
    [InlineData("""{ "maxProperties": 1 }""", """{"a":1,"b":2}""", "must have at most 1 property (has 2)")]
    [InlineData("""{ "exclusiveMaximum": 10 }""", "10", "must be less than 10 (got 10)")]
    [InlineData("""{ "multipleOf": 0.5 }""", "0.7", "must be a multiple of 0.5 (got 0.7)")]
    [InlineData("""{ "const": "v1" }""", "\"v2\"", "expected v1, got string \"v2\"")]
    [InlineData("""{ "contains": { "const": "postmaster" } }""", "[\"abuse\"]", "must contain postmaster")]
    [InlineData("""{ "not": { "const": "root" } }""", "\"root\"", "must not be root")]
    [InlineData("""{ "not": { "required": ["password"] } }""", """{"password": "x"}""", "must not have the property 'password'")]
    [InlineData("""{ "dependentRequired": { "tls": ["certificate"] } }""", """{"tls": true}""", "missing property 'certificate', which is required when 'tls' is set")]
    [InlineData("""{ "prefixItems": [ { "type": "string" } ], "items": false }""", "[\"a\", \"b\"]", "unexpected item: at most 1 item allowed here (found 2)")]
    [InlineData("""{ "type": ["string", "null"] }""", "[]", "expected a string or null, got a list")]
    [InlineData("""{ "format": "date" }""", "\"2024-02-30\"", "\"2024-02-30\" is not a valid date: that month has 29 days")]
    [InlineData("""{ "properties": { "legacy": false } }""", """{"legacy": 1}""", "'legacy' is not allowed here")]
    [InlineData("false", "1", "no value is allowed here")]
    public void Wording(string schemaJson, string instanceJson, string message)
    {
        var e = Compile(schemaJson).Validate(Parse(instanceJson)).Should().ContainSingle().Subject;
        e.Message.Should().Be(message);
    }

    [Fact]
    public void DuplicateItemsPointAtTheRepeatAndTheOriginal()
    {
        var e = Compile("""{ "uniqueItems": true }""").Validate(Parse("""
            [
              "mx1.example.com",
              "mx2.example.com",
              "mx1.example.com"
            ]
            """)).Should().ContainSingle().Subject;

        e.Message.Should().Be("duplicate of the item at line 2; items must be unique");
        e.InstanceLocation.Should().Be("/2");
        e.Position.Line.Should().Be(4);
    }

    [Fact]
    public void IfThenElseReportsTheBranchThatApplied()
    {
        var schema = Compile("""
            { "if": { "properties": { "type": { "const": "MX" } } },
              "then": { "required": ["priority"] },
              "else": { "not": { "required": ["priority"] } } }
            """);

        var e = schema.Validate(Parse("""{ "type": "MX" }""")).Should().ContainSingle().Subject;
        e.Message.Should().Be("missing required property 'priority'");
        e.KeywordLocation.Should().Be("/then/required");
    }

    private static Node Parse(string json) => NodeJson.Parse(json, "domain.json");

    private static CompiledSchema Compile(string json) => CompiledSchema.Compile(NodeJson.Parse(json, "schema.json"));
}
