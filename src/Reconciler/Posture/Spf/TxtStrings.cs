namespace Reconciler.Posture.Spf;

/// <summary>How TXT record text is cut into DNS character-strings of at most 255 octets (RFC 1035 §3.3.14).</summary>
public static class TxtStrings
{
    public const int MaxOctets = 255;

    /// <summary>Number of character-strings needed for <paramref name="octets"/> octets of text.</summary>
    public static int Count(int octets) => Math.Max(1, (octets + MaxOctets - 1) / MaxOctets);

    /// <summary>The text cut into character-strings (joined again by receivers with no separator).</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        if (text.Length <= MaxOctets)
        {
            return [text];
        }

        var parts = new List<string>();
        for (var i = 0; i < text.Length; i += MaxOctets)
        {
            parts.Add(text.Substring(i, Math.Min(MaxOctets, text.Length - i)));
        }

        return parts;
    }
}
