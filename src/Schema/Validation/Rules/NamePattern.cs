namespace Reconciler.Schema.Validation.Rules;

/// <summary>Glob patterns over relative record names: <c>*</c> matches any run of characters, <c>?</c> one; case-insensitive.</summary>
public static class NamePattern
{
    public static bool Matches(string pattern, string name) => Match(pattern.ToLowerInvariant().AsSpan(), name.ToLowerInvariant().AsSpan());

    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        // Iterative glob with single-star backtracking: linear for the patterns people write.
        int pi = 0, si = 0, star = -1, mark = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && (p[pi] == '?' || p[pi] == s[si]))
            {
                pi++;
                si++;
            }
            else if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = si;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                si = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
