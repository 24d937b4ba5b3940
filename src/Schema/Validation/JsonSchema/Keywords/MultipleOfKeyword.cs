using System.Numerics;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>
/// Exact: decimals are compared with decimal arithmetic (0.1 really divides 0.3), and numbers beyond decimal's
/// range are compared as exact fractions with <see cref="BigInteger"/> (a huge double is an integer).
/// </summary>
internal sealed class MultipleOfKeyword(string schemaLocation, NumberNode divisor) : Keyword("multipleOf", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.Number;

    public override int Cost => 2;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var value = (NumberNode)instance;
        if (IsMultiple(value, divisor))
        {
            return true;
        }

        errors?.Report(this, instance.Position, $"must be a multiple of {divisor.ToJsonText()} (got {value.ToJsonText()})");
        return false;
    }

    internal static bool IsMultiple(NumberNode value, NumberNode divisor)
    {
        if (value.Decimal is { } x && divisor.Decimal is { } m)
        {
            try
            {
                return x % m == 0m;
            }
            catch (OverflowException)
            {
                // fall through to exact fractions
            }
        }

        if (!TryFraction(value, out var vn, out var vd) || !TryFraction(divisor, out var dn, out var dd) || dn.IsZero)
        {
            return false;
        }

        // value / divisor = (vn * dd) / (vd * dn) must be an integer.
        return (vn * dd % (vd * dn)).IsZero;
    }

    private static bool TryFraction(NumberNode n, out BigInteger numerator, out BigInteger denominator)
    {
        if (n.Decimal is { } d)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(d, bits);
            var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
            var scale = (bits[3] >> 16) & 0xFF;
            numerator = bits[3] < 0 ? -magnitude : magnitude;
            denominator = BigInteger.Pow(10, scale);
            return true;
        }

        if (double.IsFinite(n.Double) && Math.Floor(n.Double) == n.Double)
        {
            numerator = new BigInteger(n.Double);
            denominator = BigInteger.One;
            return true;
        }

        numerator = default;
        denominator = default;
        return false;
    }
}
