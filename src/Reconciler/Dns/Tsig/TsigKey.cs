using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Dns.Tsig;

/// <summary>
/// A TSIG key: its name, algorithm and shared secret. The secret never leaves this object except into the HMAC:
/// <see cref="ToString"/> and every error message show only the name and algorithm.
/// <para>
/// <see cref="Parse"/> reads what <c>tsig-keygen</c> writes (BIND's <c>key "name" { algorithm ...; secret "..."; };</c>)
/// or one line <c>name:algorithm:base64</c> (dig's <c>algorithm:name:base64</c> order is accepted too).
/// </para>
/// </summary>
public sealed class TsigKey
{
    private readonly byte[] _secret;

    public TsigKey(DnsName name, TsigAlgorithm algorithm, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (secret.IsEmpty)
        {
            throw new ArgumentException($"TSIG key {name} has an empty secret", nameof(secret));
        }

        Name = name;
        Algorithm = algorithm;
        _secret = secret.ToArray();
    }

    public DnsName Name { get; }

    public TsigAlgorithm Algorithm { get; }

    /// <summary>Reads a key; <paramref name="source"/> names where the text came from in errors (never the text).</summary>
    /// <exception cref="FormatException">Not a key in either format; the message never contains the secret.</exception>
    public static TsigKey Parse(string text, string source = "TSIG key")
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return trimmed.Contains('{') || trimmed.Contains('"')
            ? ParseBind(trimmed, source)
            : ParseColon(trimmed, source);
    }

    internal IncrementalHash CreateHmac() => IncrementalHash.CreateHMAC(Algorithm.Hash, _secret);

    public override string ToString() => $"TSIG key {Name.ToString().TrimEnd('.')} ({Algorithm.Mnemonic})";

    private static TsigKey ParseColon(string text, string source)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
        {
            throw new FormatException($"{source} is neither a BIND key statement (key \"name\" {{ algorithm ...; secret \"...\"; }};) nor name:algorithm:base64-secret");
        }

        string name;
        TsigAlgorithm algorithm;
        if (TsigAlgorithm.Find(parts[1]) is { } second)
        {
            (name, algorithm) = (parts[0], second);
        }
        else if (TsigAlgorithm.Find(parts[0]) is { } first)
        {
            (name, algorithm) = (parts[1], first);
        }
        else
        {
            throw new FormatException($"{source}: no supported algorithm in name:algorithm:secret (supported: {TsigAlgorithm.SupportedList})");
        }

        return Create(name.Trim(), algorithm, parts[2].Trim(), source);
    }

    private static TsigKey ParseBind(string text, string source)
    {
        var tokens = Tokenize(text, source);
        var keys = 0;
        string? name = null, algorithm = null, secret = null;
        var i = 0;
        while (i < tokens.Count)
        {
            Expect(tokens, i++, "key", source);
            keys++;
            if (keys > 1)
            {
                throw new FormatException($"{source} holds more than one key statement; give one key per reference");
            }

            name = Word(tokens, i++, "the key name", source);
            Expect(tokens, i++, "{", source);
            while (i < tokens.Count && tokens[i] != "}")
            {
                var field = tokens[i++];
                var value = Word(tokens, i++, "a field's value", source);
                Expect(tokens, i++, ";", source);
                switch (field.ToLowerInvariant())
                {
                    case "algorithm":
                        algorithm = value;
                        break;
                    case "secret":
                        secret = value;
                        break;
                    default:
                        // The token is not echoed: in a garbled statement it may well be the secret.
                        throw new FormatException($"{source}: the key statement may only hold 'algorithm' and 'secret' fields");
                }
            }

            Expect(tokens, i++, "}", source);
            if (i < tokens.Count && tokens[i] == ";")
            {
                i++;
            }
        }

        if (name is null || algorithm is null || secret is null)
        {
            throw new FormatException($"{source}: the key statement needs a name, an algorithm and a secret");
        }

        var alg = TsigAlgorithm.Find(algorithm)
            ?? throw new FormatException($"{source}: the key's algorithm is not supported (supported: {TsigAlgorithm.SupportedList})");
        return Create(name, alg, secret, source);
    }

    private static TsigKey Create(string name, TsigAlgorithm algorithm, string secret, string source)
    {
        if (!DnsName.TryParse(name.EndsWith('.') ? name : name + ".", null, out var keyName))
        {
            throw new FormatException($"{source}: the key name is not a valid domain name (check the order: name:algorithm:secret)");
        }

        var buffer = new byte[(secret.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(secret, buffer, out var written) || written == 0)
        {
            throw new FormatException($"{source}: the key's secret is not valid base64 (check the order: name:algorithm:secret; the secret itself is not shown)");
        }

        var key = new TsigKey(keyName, algorithm, buffer.AsSpan(0, written));
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    private static List<string> Tokenize(string text, string source)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '{' or '}' or ';')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"{source}: a quoted string is not closed");
                }

                tokens.Add(text[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                var sb = new StringBuilder();
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or ';' or '"'))
                {
                    sb.Append(text[i++]);
                }

                tokens.Add(sb.ToString());
            }
        }

        return tokens;
    }

    private static void Expect(List<string> tokens, int i, string expected, string source)
    {
        if (i >= tokens.Count || !string.Equals(tokens[i], expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{source}: expected '{expected}' in the key statement");
        }
    }

    private static string Word(List<string> tokens, int i, string what, string source)
    {
        if (i >= tokens.Count || tokens[i] is "{" or "}" or ";")
        {
            throw new FormatException($"{source}: missing {what} in the key statement");
        }

        return tokens[i];
    }
}
