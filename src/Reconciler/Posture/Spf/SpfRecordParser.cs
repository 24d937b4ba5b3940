using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Reconciler.Posture.Spf;

/// <summary>The RFC 7208 §12 grammar, strictly: any deviation is a syntax error (PermError).</summary>
internal static partial class SpfRecordParser
{
    public static SpfRecord Parse(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 0x7E)
            {
                throw new SpfSyntaxException(
                    $"the record contains the non-ASCII character U+{(int)text[i]:X4} at position {i + 1}; " +
                    "SPF records are 7-bit ASCII");
            }
        }

        if (!SpfRecord.IsSpfRecord(text))
        {
            throw new SpfSyntaxException("the record does not start with \"v=spf1\" followed by a space or its end");
        }

        var terms = new List<SpfTerm>();
        foreach (var term in text[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            terms.Add(ParseTerm(term, terms));
        }

        return new SpfRecord(text, terms);
    }

    private static SpfTerm ParseTerm(string term, List<SpfTerm> before)
    {
        foreach (var c in term)
        {
            if (c < 0x21 || c > 0x7E)
            {
                throw new SpfSyntaxException(
                    $"term '{SpfMacroString.Printable(term)}' contains the control character U+{(int)c:X4}; " +
                    "terms are separated by single spaces only");
            }
        }

        var modifier = ModifierPattern().Match(term);
        if (modifier.Success)
        {
            return ParseModifier(term, modifier.Groups[1].Value, modifier.Groups[2].Value, before);
        }

        return ParseMechanism(term);
    }

    private static SpfModifier ParseModifier(string term, string name, string value, List<SpfTerm> before)
    {
        var isRedirect = name.Equals("redirect", StringComparison.OrdinalIgnoreCase);
        var isExp = name.Equals("exp", StringComparison.OrdinalIgnoreCase);
        if (isRedirect || isExp)
        {
            if (before.OfType<SpfModifier>().Any(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SpfSyntaxException($"'{name}=' appears more than once; it is allowed at most once");
            }

            return new SpfModifier(term, name, value) { Parsed = ParseDomainSpec(value, term) };
        }

        return new SpfModifier(term, name, value) { Parsed = SpfMacroString.Parse(value, explanation: false) };
    }

    private static SpfMechanism ParseMechanism(string term)
    {
        var qualifier = SpfQualifier.Pass;
        var rest = term;
        switch (term[0])
        {
            case '+': qualifier = SpfQualifier.Pass; rest = term[1..]; break;
            case '-': qualifier = SpfQualifier.Fail; rest = term[1..]; break;
            case '~': qualifier = SpfQualifier.SoftFail; rest = term[1..]; break;
            case '?': qualifier = SpfQualifier.Neutral; rest = term[1..]; break;
        }

        var end = rest.IndexOfAny([':', '/']);
        var name = (end < 0 ? rest : rest[..end]).ToLowerInvariant();
        var args = end < 0 ? "" : rest[end..];
        switch (name)
        {
            case "all":
                if (args.Length > 0)
                {
                    throw new SpfSyntaxException($"'{term}': \"all\" takes no argument");
                }

                return new SpfMechanism(term, qualifier, SpfMechanismKind.All, null, null, 32, 128);

            case "include":
            case "exists":
            {
                var kind = name == "include" ? SpfMechanismKind.Include : SpfMechanismKind.Exists;
                if (!args.StartsWith(':'))
                {
                    throw new SpfSyntaxException($"'{term}': \"{name}\" needs a domain: {name}:example.com");
                }

                var spec = args[1..];
                return new SpfMechanism(term, qualifier, kind, spec, null, 32, 128)
                {
                    Target = ParseDomainSpec(spec, term),
                };
            }

            case "ptr":
            {
                if (args.StartsWith('/'))
                {
                    throw new SpfSyntaxException($"'{term}': \"ptr\" takes no CIDR length");
                }

                var spec = args.Length == 0 ? null : args[1..];
                return new SpfMechanism(term, qualifier, SpfMechanismKind.Ptr, spec, null, 32, 128)
                {
                    Target = spec is null ? null : ParseDomainSpec(spec, term),
                };
            }

            case "a":
            case "mx":
            {
                var kind = name == "a" ? SpfMechanismKind.A : SpfMechanismKind.Mx;
                var (spec, cidr4, cidr6) = SplitDualCidr(args, term);
                return new SpfMechanism(term, qualifier, kind, spec, null, cidr4 ?? 32, cidr6 ?? 128)
                {
                    Target = spec is null ? null : ParseDomainSpec(spec, term),
                };
            }

            case "ip4":
            case "ip6":
                return ParseIp(term, qualifier, name == "ip4", args);

            default:
                throw new SpfSyntaxException(UnknownMechanismMessage(term, name));
        }
    }

    private static string UnknownMechanismMessage(string term, string name)
    {
        if (name is "redirect" or "exp")
        {
            return $"'{term}': \"{name}\" is a modifier and is written {name}=domain";
        }

        return $"'{term}' is not a known mechanism (all, include, a, mx, ptr, ip4, ip6, exists) " +
               "nor a modifier (name=value)";
    }

    private static SpfMechanism ParseIp(string term, SpfQualifier qualifier, bool v4, string args)
    {
        var name = v4 ? "ip4" : "ip6";
        if (!args.StartsWith(':') || args.Length == 1)
        {
            throw new SpfSyntaxException($"'{term}': \"{name}\" needs an address: {name}:{(v4 ? "192.0.2.0/24" : "2001:db8::/32")}");
        }

        var value = args[1..];
        var slash = value.IndexOf('/');
        var address = slash < 0 ? value : value[..slash];
        var max = v4 ? 32 : 128;
        var prefix = slash < 0 ? max : ParseCidr(value[(slash + 1)..], max, term);
        var ip = v4 ? ParseIPv4(address) : ParseIPv6(address);
        if (ip is null)
        {
            throw new SpfSyntaxException($"'{term}': '{address}' is not a valid {(v4 ? "IPv4" : "IPv6")} address" +
                                         (v4 ? " (four decimal octets without leading zeros)" : ""));
        }

        var kind = v4 ? SpfMechanismKind.Ip4 : SpfMechanismKind.Ip6;
        return new SpfMechanism(term, qualifier, kind, null, new IpNetwork(ip, prefix), 32, 128);
    }

    /// <summary>Splits "[:domain-spec][/cidr4][//cidr6]" as found after "a" or "mx".</summary>
    private static (string? Spec, int? Cidr4, int? Cidr6) SplitDualCidr(string args, string term)
    {
        var s = args;
        int? cidr6 = null, cidr4 = null;
        var m6 = Cidr6Suffix().Match(s);
        if (m6.Success)
        {
            cidr6 = ParseCidr(m6.Groups[1].Value, 128, term);
            s = s[..m6.Index];
        }

        var m4 = Cidr4Suffix().Match(s);
        if (m4.Success && (m4.Index == 0 || s[m4.Index - 1] != '/'))
        {
            cidr4 = ParseCidr(m4.Groups[1].Value, 32, term);
            s = s[..m4.Index];
        }

        if (s.Length == 0)
        {
            return (null, cidr4, cidr6);
        }

        if (!s.StartsWith(':'))
        {
            throw new SpfSyntaxException(
                $"'{term}': invalid CIDR length; write /N for IPv4, //N for IPv6, or /N//M for both");
        }

        return (s[1..], cidr4, cidr6);
    }

    private static int ParseCidr(string digits, int max, string term)
    {
        if (!CidrDigits().IsMatch(digits) || digits.Length > 3 ||
            int.Parse(digits, CultureInfo.InvariantCulture) > max)
        {
            throw new SpfSyntaxException(
                $"'{term}': '/{digits}' is not a valid CIDR length (0 to {max}, no leading zeros)");
        }

        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand.</summary>
    internal static SpfMacroString ParseDomainSpec(string spec, string term)
    {
        if (spec.Length == 0)
        {
            throw new SpfSyntaxException($"'{term}': the domain is empty");
        }

        var parsed = SpfMacroString.Parse(spec, explanation: false);
        if (parsed.Parts[^1] is SpfMacroString.Expand)
        {
            return parsed;
        }

        var literal = ((SpfMacroString.Literal)parsed.Parts[^1]).Value;
        if (literal.EndsWith('.'))
        {
            literal = literal[..^1];
        }

        var dot = literal.LastIndexOf('.');
        var top = dot < 0 ? null : literal[(dot + 1)..];
        if (top is null || !TopLabel().IsMatch(top))
        {
            var hint = IPAddress.TryParse(spec, out _)
                ? $"; to authorize an address write ip4:{spec} or ip6:{spec}"
                : "";
            throw new SpfSyntaxException(
                $"'{term}': '{SpfMacroString.Printable(spec)}' is not a domain: it must end in '.' and a top-level " +
                $"label that is not all digits (or in a macro){hint}");
        }

        return parsed;
    }

    /// <summary>ip4-network: four qnum without leading zeros (RFC 7208 §12). IPAddress.TryParse is too lenient.</summary>
    internal static IPAddress? ParseIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0') || !p.All(char.IsAsciiDigit))
            {
                return null;
            }

            var n = int.Parse(p, CultureInfo.InvariantCulture);
            if (n > 255)
            {
                return null;
            }

            bytes[i] = (byte)n;
        }

        return new IPAddress(bytes);
    }

    internal static IPAddress? ParseIPv6(string text)
    {
        if (text.Length == 0 || !text.Contains(':') ||
            !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return null;
        }

        return IPAddress.TryParse(text, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? ip : null;
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9._-]*)=(.*)$")]
    private static partial Regex ModifierPattern();

    [GeneratedRegex("//([0-9]+)$")]
    private static partial Regex Cidr6Suffix();

    [GeneratedRegex("/([0-9]+)$")]
    private static partial Regex Cidr4Suffix();

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex CidrDigits();

    [GeneratedRegex("^(?:[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*|[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9])$")]
    private static partial Regex TopLabel();
}
