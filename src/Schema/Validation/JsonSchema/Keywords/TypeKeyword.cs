using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class TypeKeyword : Keyword
{
    public TypeKeyword(string schemaLocation, JsonTypes types)
        : base("type", schemaLocation)
    {
        Types = types;
        Expected = Messages.Or(Phrases(types));
    }

    public JsonTypes Types { get; }

    /// <summary>"an integer", "a string or null" ...</summary>
    public string Expected { get; }

    public override int Cost => 0;

    public static JsonTypes Parse(string name) => name switch
    {
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "string" => JsonTypes.String,
        "number" => JsonTypes.Number,
        "integer" => JsonTypes.Integer,
        "boolean" => JsonTypes.Boolean,
        "null" => JsonTypes.Null,
        _ => JsonTypes.None,
    };

    public static List<string> Phrases(JsonTypes types)
    {
        var phrases = new List<string>();
        if (types.HasFlag(JsonTypes.Object))
        {
            phrases.Add("a map");
        }

        if (types.HasFlag(JsonTypes.Array))
        {
            phrases.Add("a list");
        }

        if (types.HasFlag(JsonTypes.String))
        {
            phrases.Add("a string");
        }

        if (types.HasFlag(JsonTypes.Number))
        {
            phrases.Add("a number");
        }
        else if (types.HasFlag(JsonTypes.Integer))
        {
            phrases.Add("an integer");
        }

        if (types.HasFlag(JsonTypes.Boolean))
        {
            phrases.Add("true or false");
        }

        if (types.HasFlag(JsonTypes.Null))
        {
            phrases.Add("null");
        }

        return phrases;
    }

    public static bool Matches(JsonTypes types, Node instance) => instance.Kind switch
    {
        NodeKind.Map => (types & JsonTypes.Object) != 0,
        NodeKind.List => (types & JsonTypes.Array) != 0,
        NodeKind.String => (types & JsonTypes.String) != 0,
        NodeKind.Number => (types & JsonTypes.Number) != 0 || ((types & JsonTypes.Integer) != 0 && ((NumberNode)instance).IsInteger),
        NodeKind.Boolean => (types & JsonTypes.Boolean) != 0,
        NodeKind.Null => (types & JsonTypes.Null) != 0,
        _ => false,
    };

    public override bool? AcceptsString(string value) => (Types & JsonTypes.String) != 0;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        if (Matches(Types, instance))
        {
            return true;
        }

        errors?.Report(this, instance.Position, $"expected {Expected}, got {Messages.Describe(instance)}");
        return false;
    }
}
