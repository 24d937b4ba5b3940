using System.Text.Json.Nodes;
using Reconciler.Schema.Loading;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared.GitHub;

namespace Reconciler.Tests.GitHub;

/// <summary>The pieces the fake checks with: OpenAPI 3.0 schemas translated for our JSON Schema validator, path
/// templates matched as GitHub routes them, and the response and webhook schemas able to refuse.</summary>
public sealed class OpenApiCheckTests
{
    private static OpenApiDescription Description => OpenApiDescription.Load(GitHubTestData.DotComDescription);

    [Fact]
    public void Nullable_adds_null_to_the_type_and_to_an_enum()
    {
        var schema = Compile("""{"type":"object","properties":{"d":{"type":"string","nullable":true},"s":{"type":"string","enum":["a","b"],"nullable":true}},"additionalProperties":false}""");

        schema.Validate(NodeJson.Parse("""{"d":null,"s":null}""")).Should().BeEmpty();
        schema.Validate(NodeJson.Parse("""{"d":"x","s":"a"}""")).Should().BeEmpty();
        schema.Validate(NodeJson.Parse("""{"s":"c"}""")).Should().ContainSingle();
        schema.Validate(NodeJson.Parse("""{"d":1}""")).Should().ContainSingle();
        schema.Validate(NodeJson.Parse("""{"other":1}""")).Should().ContainSingle("additionalProperties: false holds");
    }

    [Fact]
    public void Nullable_without_a_type_allows_null_or_the_schema()
    {
        var schema = Compile("""{"allOf":[{"type":"object","required":["login"]}],"nullable":true}""");

        schema.Validate(NodeJson.Parse("null")).Should().BeEmpty();
        schema.Validate(NodeJson.Parse("""{"login":"a"}""")).Should().BeEmpty();
        schema.Validate(NodeJson.Parse("{}")).Should().NotBeEmpty();
    }

    [Fact]
    public void OneOf_needs_exactly_one_branch_and_openapi_only_keywords_are_dropped()
    {
        var schema = Compile("""{"oneOf":[{"type":"string"},{"type":"integer"}],"example":"x","x-github":{"a":1},"discriminator":{"propertyName":"t"}}""");

        schema.Validate(NodeJson.Parse("\"a\"")).Should().BeEmpty();
        schema.Validate(NodeJson.Parse("3")).Should().BeEmpty();
        schema.Validate(NodeJson.Parse("true")).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("GET", "/repos/acme/portfolio/issues/comments/5", "issues/get-comment")]
    [InlineData("GET", "/repos/acme/portfolio/issues/5", "issues/get")]
    [InlineData("GET", "/repos/acme/portfolio/commits/heads/feature/x/statuses", "repos/list-commit-statuses-for-ref")]
    [InlineData("GET", "/repos/acme/portfolio/labels/needs%20review", "issues/get-label")]
    [InlineData("POST", "/app/installations/7/access_tokens", "apps/create-installation-access-token")]
    public void Paths_match_the_documented_operation_literal_segments_first(string method, string path, string operationId)
    {
        Description.Match(method, path, out var values, out _)!.OperationId.Should().Be(operationId);
        if (operationId == "repos/list-commit-statuses-for-ref")
        {
            values["ref"].Should().Be("heads/feature/x", "ref takes several segments (x-multi-segment)");
        }

        if (operationId == "issues/get-label")
        {
            values["name"].Should().Be("needs review");
        }
    }

    [Fact]
    public void A_response_outside_the_documented_schema_is_caught()
    {
        var op = Description.ById("repos/create-commit-status");
        var example = op.Example(201)!;
        op.ResponseSchema(201)!.Validate(NodeJson.Parse(example.ToJsonString())).Should().BeEmpty("the documented example fits");

        example["id"] = "one";
        ((JsonObject)example).Remove("creator");

        op.ResponseSchema(201)!.Validate(NodeJson.Parse(example.ToJsonString())).Select(e => e.InstanceLocation).Should().Contain(["/id", ""]);
    }

    [Fact]
    public void A_webhook_payload_outside_the_x_webhooks_schema_is_caught()
    {
        var schema = Description.WebhookSchema("pull-request-opened")!.Value.Compiled;
        var example = GitHubWebhookExamples.Of("pull_request", "opened")[0].Payload.GetRawText();

        schema.Validate(NodeJson.Parse("""{"action":"opened"}""")).Should().NotBeEmpty();
        schema.Validate(NodeJson.Parse(example.Replace("\"action\":\"opened\"", "\"action\":\"bogus\"", StringComparison.Ordinal))).Should().NotBeEmpty();
    }

    private static Reconciler.Schema.Validation.JsonSchema.CompiledSchema Compile(string openApi) =>
        OpenApiSchemaTranslator.Compile(System.Text.Json.JsonDocument.Parse(openApi).RootElement, "test");
}
