using System.Security.Cryptography;

namespace Reconciler.Dns.Tsig;

/// <summary>
/// A TSIG MAC algorithm (RFC 8945 §6) by its name on the wire. hmac-sha256 and hmac-sha512 sign anything;
/// hmac-md5 is accepted only for reading (queries and zone transfers from old servers), never to sign a change.
/// </summary>
public sealed class TsigAlgorithm
{
    private TsigAlgorithm(string mnemonic, string wireName, HashAlgorithmName hash, int macLength, bool canSignChanges)
    {
        Mnemonic = mnemonic;
        WireName = DnsName.Parse(wireName);
        Hash = hash;
        MacLength = macLength;
        CanSignChanges = canSignChanges;
    }

    public static TsigAlgorithm HmacSha256 { get; } = new("hmac-sha256", "hmac-sha256.", HashAlgorithmName.SHA256, 32, true);

    public static TsigAlgorithm HmacSha512 { get; } = new("hmac-sha512", "hmac-sha512.", HashAlgorithmName.SHA512, 64, true);

    public static TsigAlgorithm HmacMd5 { get; } = new("hmac-md5", "hmac-md5.sig-alg.reg.int.", HashAlgorithmName.MD5, 16, false);

    public static IReadOnlyList<TsigAlgorithm> All { get; } = [HmacSha256, HmacSha512, HmacMd5];

    /// <summary>The name BIND configuration and dig use, e.g. <c>hmac-sha256</c>.</summary>
    public string Mnemonic { get; }

    /// <summary>The algorithm name in the TSIG record.</summary>
    public DnsName WireName { get; }

    public int MacLength { get; }

    /// <summary>False for hmac-md5: it may sign queries and transfers, not UPDATEs.</summary>
    public bool CanSignChanges { get; }

    internal HashAlgorithmName Hash { get; }

    /// <summary>By mnemonic (<c>hmac-sha256</c>, case-insensitive) or wire name (<c>hmac-md5.sig-alg.reg.int</c>).</summary>
    public static TsigAlgorithm? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim().TrimEnd('.');
        foreach (var a in All)
        {
            if (string.Equals(a.Mnemonic, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(a.WireName.ToString().TrimEnd('.'), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return a;
            }
        }

        return null;
    }

    public static TsigAlgorithm? Find(DnsName wireName) => All.FirstOrDefault(a => a.WireName == wireName);

    internal static string SupportedList => string.Join(", ", All.Select(a => a.Mnemonic));

    public override string ToString() => Mnemonic;
}
