using System.Globalization;
using System.Numerics;

namespace Reconciler.Schema.Loading;

/// <summary>
/// How a YAML scalar becomes a node, by the YAML 1.2 core schema. Both readers (the fast one and YamlDotNet's) go
/// through here, so a manifest cannot mean one thing on one path and another on the other.
/// </summary>
internal static class YamlScalars
{
    public const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>An untagged scalar: quoted ones are always strings; plain ones are null, bool, number or string.</summary>
    public static Node Resolve(string value, bool plain, SourcePosition position)
    {
        if (!plain)
        {
            return new StringNode(value, position);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return new NullNode(position);
        }

        if (TryBool(value, out var flag))
        {
            return new BooleanNode(flag, position);
        }

        return TryNumber(value, position) ?? (Node)new StringNode(value, position);
    }

    /// <summary>The text a scalar key stands for once resolved (a key <c>1.0</c> is the key "1").</summary>
    public static string KeyText(Node node) => node switch
    {
        StringNode s => s.Value,
        NumberNode n => n.ToJsonText(),
        BooleanNode b => b.Value ? "true" : "false",
        _ => "null",
    };

    public static bool TryBool(string value, out bool result)
    {
        switch (value)
        {
            case "true" or "True" or "TRUE":
                result = true;
                return true;
            case "false" or "False" or "FALSE":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    /// <summary>
    /// YAML 1.2 core schema numbers: decimal, 0o octal, 0x hex, floats, .inf and .nan. Integers of any length are
    /// numbers: past decimal's range they become doubles (infinity past double's), the same way a long decimal
    /// integer already did, rather than throwing or quietly turning into a string.
    /// </summary>
    public static NumberNode? TryNumber(string value, SourcePosition position)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > 2 && value.StartsWith("0x", StringComparison.Ordinal) && IsDigits(value.AsSpan(2), 16))
        {
            return FromInteger(value.AsSpan(2), 16, position);
        }

        if (value.Length > 2 && value.StartsWith("0o", StringComparison.Ordinal) && IsDigits(value.AsSpan(2), 8))
        {
            return FromInteger(value.AsSpan(2), 8, position);
        }

        switch (value)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new NumberNode(double.PositiveInfinity, position);
            case "-.inf" or "-.Inf" or "-.INF":
                return new NumberNode(double.NegativeInfinity, position);
            case ".nan" or ".NaN" or ".NAN":
                return new NumberNode(double.NaN, position);
        }

        return IsCoreNumber(value) ? NumberNode.Parse(value, position) : null;
    }

    private static bool IsDigits(ReadOnlySpan<char> digits, int radix) =>
        radix == 16 ? !digits.ContainsAnyExcept("0123456789abcdefABCDEF") : digits.IndexOfAnyExceptInRange('0', '7') < 0;

    private static NumberNode FromInteger(ReadOnlySpan<char> digits, int radix, SourcePosition position)
    {
        // Fast and exact while it fits 64 bits, which is every value a manifest has a use for.
        ulong small = 0;
        var shift = radix == 16 ? 4 : 3;
        var i = 0;
        for (; i < digits.Length && small >> (64 - shift) == 0; i++)
        {
            small = (small << shift) | (uint)HexValue(digits[i]);
        }

        if (i == digits.Length)
        {
            return new NumberNode((decimal)small, position);
        }

        var big = BigInteger.Zero;
        foreach (var c in digits)
        {
            big = (big << shift) | HexValue(c);
        }

        return big <= new BigInteger(decimal.MaxValue)
            ? new NumberNode((decimal)big, position)
            : new NumberNode((double)big, position);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    private static bool IsCoreNumber(string s)
    {
        var i = 0;
        if (s[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var exponent = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
