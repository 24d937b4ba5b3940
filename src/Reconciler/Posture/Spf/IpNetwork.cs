using System.Net;
using System.Net.Sockets;

namespace Reconciler.Posture.Spf;

/// <summary>An address block: a network address and prefix length (host bits may be set, as SPF allows).</summary>
public readonly record struct IpNetwork(IPAddress Address, int PrefixLength)
{
    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork;

    public int MaxPrefixLength => IsIPv4 ? 32 : 128;

    /// <summary>True when bits beyond the prefix are set (e.g. 192.0.2.5/24): legal, but usually a typo.</summary>
    public bool HasHostBits => (ToNumber(Address) & ~Mask(PrefixLength, MaxPrefixLength)) != UInt128.Zero;

    /// <summary>First address of the block, as a number in its family's space.</summary>
    public UInt128 First => ToNumber(Address) & Mask(PrefixLength, MaxPrefixLength);

    /// <summary>Last address of the block.</summary>
    public UInt128 Last => First | (~Mask(PrefixLength, MaxPrefixLength) & AllOnes(MaxPrefixLength));

    /// <summary>The block with host bits cleared.</summary>
    public IpNetwork Normalized => new(FromNumber(First, IsIPv4), PrefixLength);

    /// <summary>True when <paramref name="address"/> is in the block; always false across families.</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Address.AddressFamily)
        {
            return false;
        }

        var mask = Mask(PrefixLength, MaxPrefixLength);
        return (ToNumber(address) & mask) == (ToNumber(Address) & mask);
    }

    public bool Overlaps(IpNetwork other) =>
        IsIPv4 == other.IsIPv4 && First <= other.Last && other.First <= Last;

    /// <summary>True when every address of <paramref name="other"/> is in this block.</summary>
    public bool Covers(IpNetwork other) =>
        IsIPv4 == other.IsIPv4 && First <= other.First && other.Last <= Last;

    /// <summary>SPF spelling: the address, then /prefix only when it is not a single host.</summary>
    public override string ToString() =>
        PrefixLength == MaxPrefixLength ? Address.ToString() : $"{Address}/{PrefixLength}";

    /// <summary>The address as an unsigned number (IPv4 in the low 32 bits).</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        UInt128 n = 0;
        foreach (var b in bytes)
        {
            n = (n << 8) | b;
        }

        return n;
    }

    public static IPAddress FromNumber(UInt128 value, bool ipv4)
    {
        var length = ipv4 ? 4 : 16;
        var bytes = new byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return new IPAddress(bytes);
    }

    internal static UInt128 AllOnes(int bits) => bits == 128 ? UInt128.MaxValue : (UInt128.One << bits) - 1;

    internal static UInt128 Mask(int prefix, int bits) =>
        prefix == 0 ? UInt128.Zero : AllOnes(bits) & ~AllOnes(bits - prefix);
}
