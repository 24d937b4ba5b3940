using System.Text.RegularExpressions;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class PatternPropertiesKeyword(string schemaLocation, (string Pattern, Regex Regex, SchemaNode Schema)[] patterns)
    : Keyword("patternProperties", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 21;

    public bool Matches(string key)
    {
        foreach (var p in patterns)
        {
            if (p.Regex.IsMatch(key))
            {
                return true;
            }
        }

        return false;
    }

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var entries = ((MapNode)instance).Entries;
        var ok = true;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            foreach (var p in patterns)
            {
                if (!p.Regex.IsMatch(entry.Key))
                {
                    continue;
                }

                if (errors is null)
                {
                    if (!p.Schema.Evaluate(entry.Value, null))
                    {
                        return false;
                    }

                    continue;
                }

                if (p.Schema.IsFalse)
                {
                    errors.EnterKeyword(Name, p.Pattern);
                    errors.ReportKey(this, entry, $"'{entry.Key}' is not allowed here (names matching {p.Pattern} are forbidden)");
                    errors.LeaveKeyword(2);
                    ok = false;
                    continue;
                }

                errors.EnterInstance(entry.Key);
                errors.EnterKeyword(Name, p.Pattern);
                ok &= p.Schema.Evaluate(entry.Value, errors);
                errors.LeaveKeyword(2);
                errors.LeaveInstance();
            }
        }

        return ok;
    }
}
