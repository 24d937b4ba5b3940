using System.Globalization;

namespace Reconciler.Schema.Loading;

/// <summary>
/// A number. Kept as <see cref="decimal"/> when it fits, so that 0.1 + 0.2 style comparisons and multipleOf are
/// exact; numbers beyond decimal's range (1e308) fall back to <see cref="double"/>.
/// </summary>
public sealed class NumberNode : Node
{
    public NumberNode(decimal value, SourcePosition position)
        : base(position)
    {
        Decimal = value;
        Double = (double)value;
    }

    public NumberNode(double value, SourcePosition position)
        : base(position)
    {
        Double = value;
        if (!double.IsNaN(value) && !double.IsInfinity(value) && Math.Abs(value) < 7.9e28)
        {
            Decimal = (decimal)value;
        }
    }

    /// <summary>The exact value, or null when the number is outside decimal's range (or NaN/infinity from YAML).</summary>
    public decimal? Decimal { get; }

    public double Double { get; }

    public override NodeKind Kind => NodeKind.Number;

    /// <summary>True for any mathematical integer, including 1.0 (JSON Schema counts 1.0 as an integer).</summary>
    public bool IsInteger => Decimal is { } d ? decimal.Truncate(d) == d : !double.IsInfinity(Double) && Math.Floor(Double) == Double;

    public bool TryGetInt64(out long value)
    {
        if (Decimal is { } d && decimal.Truncate(d) == d && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Parses JSON/YAML number text; null when the text is not a number.</summary>
    public static NumberNode? Parse(string text, SourcePosition position)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return new NumberNode(d, position);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
        {
            return new NumberNode(x, position);
        }

        return null;
    }

    public static int Compare(NumberNode a, NumberNode b) =>
        a.Decimal is { } x && b.Decimal is { } y ? x.CompareTo(y) : a.Double.CompareTo(b.Double);

    public string ToJsonText() =>
        Decimal is { } d
            ? (decimal.Truncate(d) == d ? decimal.Truncate(d).ToString(CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture))
            : Double.ToString("R", CultureInfo.InvariantCulture);

    public override Node WithPosition(SourcePosition position) =>
        Decimal is { } d ? new NumberNode(d, position) : new NumberNode(Double, position);
}
