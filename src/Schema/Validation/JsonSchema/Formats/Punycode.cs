using System.Text;

namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>RFC 3492 Bootstring with the Punycode parameters; works on code points.</summary>
internal static class Punycode
{
    private const int Base = 36;
    private const int TMin = 1;
    private const int TMax = 26;
    private const int Skew = 38;
    private const int Damp = 700;
    private const int InitialBias = 72;
    private const int InitialN = 128;

    /// <summary>Decodes the part after "xn--"; null when it is not valid Punycode.</summary>
    public static string? Decode(string input)
    {
        var output = new List<int>();
        var basicEnd = input.LastIndexOf('-');
        if (basicEnd > 0)
        {
            for (var j = 0; j < basicEnd; j++)
            {
                if (input[j] >= 0x80)
                {
                    return null;
                }

                output.Add(input[j]);
            }
        }

        var n = InitialN;
        var i = 0;
        var bias = InitialBias;
        for (var pos = basicEnd > 0 ? basicEnd + 1 : 0; pos < input.Length;)
        {
            var oldi = i;
            var w = 1;
            for (var k = Base; ; k += Base)
            {
                if (pos >= input.Length)
                {
                    return null;
                }

                var digit = Digit(input[pos++]);
                if (digit < 0 || digit > (int.MaxValue - i) / w)
                {
                    return null;
                }

                i += digit * w;
                var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                if (digit < t)
                {
                    break;
                }

                if (w > int.MaxValue / (Base - t))
                {
                    return null;
                }

                w *= Base - t;
            }

            bias = Adapt(i - oldi, output.Count + 1, oldi == 0);
            if (i / (output.Count + 1) > int.MaxValue - n)
            {
                return null;
            }

            n += i / (output.Count + 1);
            i %= output.Count + 1;
            if (n > 0x10FFFF || (n >= 0xD800 && n <= 0xDFFF))
            {
                return null;
            }

            output.Insert(i, n);
            i++;
        }

        var sb = new StringBuilder(output.Count);
        foreach (var cp in output)
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }

        return sb.ToString();
    }

    /// <summary>Encodes a label (without the "xn--" prefix).</summary>
    public static string Encode(string label)
    {
        var input = new List<int>();
        for (var idx = 0; idx < label.Length; idx++)
        {
            var cp = char.ConvertToUtf32(label, idx);
            if (cp > 0xFFFF)
            {
                idx++;
            }

            input.Add(cp);
        }

        var output = new StringBuilder();
        foreach (var cp in input)
        {
            if (cp < 0x80)
            {
                output.Append((char)cp);
            }
        }

        var b = output.Length;
        var h = b;
        if (b > 0)
        {
            output.Append('-');
        }

        var n = InitialN;
        var delta = 0L;
        var bias = InitialBias;
        while (h < input.Count)
        {
            var m = int.MaxValue;
            foreach (var cp in input)
            {
                if (cp >= n && cp < m)
                {
                    m = cp;
                }
            }

            delta += (long)(m - n) * (h + 1);
            n = m;
            foreach (var cp in input)
            {
                if (cp < n)
                {
                    delta++;
                }

                if (cp != n)
                {
                    continue;
                }

                var q = delta;
                for (var k = Base; ; k += Base)
                {
                    var t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                    if (q < t)
                    {
                        break;
                    }

                    output.Append(EncodeDigit((int)(t + ((q - t) % (Base - t)))));
                    q = (q - t) / (Base - t);
                }

                output.Append(EncodeDigit((int)q));
                bias = Adapt((int)delta, h + 1, h == b);
                delta = 0;
                h++;
            }

            delta++;
            n++;
        }

        return output.ToString();
    }

    private static int Adapt(int delta, int numPoints, bool firstTime)
    {
        delta = firstTime ? delta / Damp : delta / 2;
        delta += delta / numPoints;
        var k = 0;
        while (delta > ((Base - TMin) * TMax) / 2)
        {
            delta /= Base - TMin;
            k += Base;
        }

        return k + (((Base - TMin + 1) * delta) / (delta + Skew));
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0' + 26,
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        _ => -1,
    };

    private static char EncodeDigit(int d) => (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}
