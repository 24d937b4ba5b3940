using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>minLength / maxLength, counted in Unicode code points (an emoji is one character, not two).</summary>
internal sealed class StringLengthKeyword : Keyword
{
    private readonly long _limit;
    private readonly bool _isMinimum;

    public StringLengthKeyword(string name, string schemaLocation, long limit, bool isMinimum)
        : base(name, schemaLocation)
    {
        _limit = limit;
        _isMinimum = isMinimum;
    }

    public override NodeKind? AppliesTo => NodeKind.String;

    public override int Cost => 2;

    public override bool? AcceptsString(string value) => Accepts(value);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var s = ((StringNode)instance).Value;
        var ok = Accepts(s);
        if (!ok && errors is not null)
        {
            var bound = _isMinimum ? "at least" : "at most";
            errors.Report(this, instance.Position, $"must be {bound} {Messages.Count(_limit, "character")} long (got {CodePoints(s)})");
        }

        return ok;
    }

    private bool Accepts(string s)
    {

        // UTF-16 length bounds the code point count from above and (halved) from below; count only when it matters.
        bool ok;
        if (_isMinimum)
        {
            ok = (s.Length + 1) / 2 >= _limit || CodePoints(s) >= _limit;
        }
        else
        {
            ok = s.Length <= _limit || CodePoints(s) <= _limit;
        }

        return ok;
    }

    internal static int CodePoints(string s)
    {
        var count = s.Length;
        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}
