using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class NotKeyword(string schemaLocation, SchemaNode schema) : Keyword("not", schemaLocation)
{
    public override int Cost => 33;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => [schema];

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        if (!schema.Evaluate(instance, null))
        {
            return true;
        }

        errors?.Report(this, instance.Position, Message(instance));
        return false;
    }

    private string Message(Node instance)
    {
        if (schema.IsTrue)
        {
            return "no value is allowed here";
        }

        if (schema.Keywords.Count == 1)
        {
            switch (schema.Keywords[0])
            {
                case ConstKeyword or EnumKeyword:
                    return $"must not be {Messages.Literal(instance)}";
                case RequiredKeyword r when r.Names.Count == 1:
                    return $"must not have the property '{r.Names[0]}'";
                case RequiredKeyword r:
                    return $"must not have all of the properties {string.Join(", ", r.Names.Select(n => $"'{n}'"))}";
                case TypeKeyword t:
                    return $"must not be {t.Expected}";
            }
        }

        return schema.DisplayTitle() is { } title
            ? $"must not be {title}"
            : $"must not match the schema at {schema.Location}";
    }
}
