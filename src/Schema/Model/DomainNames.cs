using System.Globalization;

namespace Reconciler.Schema.Model;

/// <summary>Domain names as manifests store them: A-labels, lower case, no trailing dot.</summary>
public static class DomainNames
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>The A-label form (<c>bücher.example</c> → <c>xn--bcher-kva.example</c>); ASCII input is only lower-cased.</summary>
    public static string ToAscii(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        if (trimmed.Length == 0)
        {
            return trimmed;
        }

        foreach (var c in trimmed)
        {
            if (c > 0x7F)
            {
                try
                {
                    return Idn.GetAscii(trimmed).ToLowerInvariant();
                }
                catch (ArgumentException)
                {
                    return trimmed.ToLowerInvariant(); // the schema's idn-hostname check reports it
                }
            }
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>The Unicode form for display.</summary>
    public static string ToUnicode(string name)
    {
        try
        {
            return Idn.GetUnicode(name);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }
}
