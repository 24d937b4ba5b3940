using System.Text;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// RFC 3986 reference resolution on plain strings. <see cref="Uri"/> is not used because it rewrites URNs,
/// <c>file:</c> URIs and escapes in ways that break <c>$id</c>/<c>$ref</c> matching.
/// </summary>
internal static class UriReference
{
    /// <summary>Resolves <paramref name="reference"/> against the absolute <paramref name="baseUri"/> (RFC 3986 §5.2.2).</summary>
    public static string Resolve(string baseUri, string reference)
    {
        var r = Parse(reference);
        var b = Parse(baseUri);
        string? scheme, authority, query;
        string path;
        if (r.Scheme is not null)
        {
            scheme = r.Scheme;
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            scheme = b.Scheme;
            if (r.Authority is not null)
            {
                authority = r.Authority;
                path = RemoveDotSegments(r.Path);
                query = r.Query;
            }
            else
            {
                authority = b.Authority;
                if (r.Path.Length == 0)
                {
                    path = b.Path;
                    query = r.Query ?? b.Query;
                }
                else
                {
                    path = r.Path.StartsWith('/') ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                    query = r.Query;
                }
            }
        }

        return Compose(scheme, authority, path, query, r.Fragment);
    }

    /// <summary>Splits off the fragment (without '#'); null when there is none.</summary>
    public static (string Resource, string? Fragment) SplitFragment(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (uri, null) : (uri[..hash], uri[(hash + 1)..]);
    }

    public static bool IsAbsolute(string uri) => Parse(uri).Scheme is not null;

    private static string Merge(Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + relativePath;
        }

        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? relativePath : b.Path[..(slash + 1)] + relativePath;
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        var input = path;
        var output = new StringBuilder();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                var last = output.ToString().LastIndexOf('/');
                output.Length = last < 0 ? 0 : last;
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var start = input.StartsWith('/') ? 1 : 0;
                var next = input.IndexOf('/', start);
                var segment = next < 0 ? input : input[..next];
                output.Append(segment);
                input = next < 0 ? "" : input[next..];
            }
        }

        return output.ToString();
    }

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder();
        if (scheme is not null)
        {
            sb.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            sb.Append("//").Append(authority);
        }

        sb.Append(path);
        if (query is not null)
        {
            sb.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            sb.Append('#').Append(fragment);
        }

        return sb.ToString();
    }

    /// <summary>The RFC 3986 Appendix B split: scheme, authority, path, query, fragment.</summary>
    private static Parts Parse(string s)
    {
        string? scheme = null, authority = null, query = null, fragment = null;
        var rest = s;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }

        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && rest.AsSpan(0, colon).IndexOfAny('/', '?', '#') < 0 && char.IsAsciiLetter(rest[0]))
        {
            scheme = rest[..colon].ToLowerInvariant();
            rest = rest[(colon + 1)..];
        }

        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('/', 2);
            authority = end < 0 ? rest[2..] : rest[2..end];
            rest = end < 0 ? "" : rest[end..];
        }

        return new Parts(scheme, authority, rest, query, fragment);
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);
}
