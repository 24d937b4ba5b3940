using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Daemon;

/// <summary>
/// Which replica reconciles which domain: rendezvous (highest random weight) hashing. Each domain goes to the shard
/// with the highest hash of (domain, shard), so replicas agree without talking to each other, and when the count
/// changes from N to N+1 only the domains the new shard wins move (about 1/(N+1) of them), all to the new shard.
/// </summary>
public sealed record ShardAssignment(int Index, int Count)
{
    public static readonly ShardAssignment Single = new(0, 1);

    public bool Owns(string domain) => Count <= 1 || OwnerOf(domain, Count) == Index;

    public static int OwnerOf(string domain, int count)
    {
        var best = 0;
        ulong bestScore = 0;
        for (var shard = 0; shard < count; shard++)
        {
            var score = Score(domain, shard);
            if (shard == 0 || score > bestScore)
            {
                best = shard;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>SHA-256 of "domain#shard": stable across processes, machines and .NET versions (string.GetHashCode is not).</summary>
    private static ulong Score(string domain, int shard)
    {
        Span<byte> hash = stackalloc byte[32];
        var text = Encoding.UTF8.GetBytes($"{domain.ToLowerInvariant()}#{shard}");
        SHA256.HashData(text, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    public override string ToString() => Count <= 1 ? "all domains" : $"shard {Index} of {Count}";
}
