using System.Globalization;
using System.Text;

namespace Reconciler.Dns.ZoneFiles;

/// <summary>
/// Writes a zone as an RFC 1035 master file that is the same text for the same zone: <c>$ORIGIN</c>, <c>$TTL</c>
/// (the most common TTL, so most lines need none), the SOA, the apex NS records, then every other RRset in DNSSEC
/// canonical name order (a tree: a name is followed by the names below it), by type code, and by canonical data
/// order within a set. Owner and data names are relative to the origin; TXT strings are at most 255 octets each.
/// Every line has its owner in the first column, so no line depends on the one before it.
/// </summary>
public static class ZoneFileWriter
{
    private const int MaxOwnerColumn = 32;

    public static string Write(Zone zone)
    {
        var sb = new StringBuilder(128 + (zone.Records.Count * 64));
        Write(sb, zone);
        return sb.ToString();
    }

    public static void Write(TextWriter writer, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Write(zone));
    }

    /// <summary>
    /// Writes the file atomically: a temporary file in the same folder is written, flushed to disk and renamed over
    /// <paramref name="path"/>, so a reader (or a crash) sees the old zone or the new one, never half of one. An
    /// existing file's permissions are kept.
    /// </summary>
    public static async Task WriteFileAsync(string path, Zone zone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = Encoding.ASCII.GetBytes(Write(zone));
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder", nameof(path));
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(full))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(full));
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void Write(StringBuilder sb, Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var origin = zone.Origin;
        var sets = zone.RecordSets;
        var defaultTtl = MostCommonTtl(zone);

        // Apex NS right after the SOA; everything else in canonical order (RecordSets is sorted already).
        var ordered = new List<ResourceRecord>(zone.Records.Count + 1) { zone.Soa };
        ordered.AddRange(sets.Where(s => s.Name == origin && s.Type == RecordType.NS).SelectMany(s => s.ToRecords()));
        ordered.AddRange(sets.Where(s => !(s.Name == origin && s.Type == RecordType.NS)).SelectMany(s => s.ToRecords()));

        var owners = ordered.Select(r => r.Name.RelativeTo(origin)).ToList();
        var ownerWidth = Math.Min(MaxOwnerColumn, owners.Max(o => o.Length));
        var ttlWidth = ordered.Where(r => r.Ttl != defaultTtl).Select(r => Digits(r.Ttl)).DefaultIfEmpty(0).Max();
        var typeWidth = ordered.Max(r => r.Type.ToString().Length);

        sb.Append("$ORIGIN ").Append(origin.ToString()).Append('\n');
        sb.Append("$TTL ").Append(defaultTtl.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append('\n');
        for (var i = 0; i < ordered.Count; i++)
        {
            var record = ordered[i];
            var lineStart = sb.Length;
            sb.Append(owners[i]);
            Pad(sb, lineStart + ownerWidth);
            sb.Append(' ');
            if (ttlWidth > 0)
            {
                var ttlStart = sb.Length;
                if (record.Ttl != defaultTtl)
                {
                    sb.Append(record.Ttl.ToString(CultureInfo.InvariantCulture));
                }

                Pad(sb, ttlStart + ttlWidth);
                sb.Append(' ');
            }

            sb.Append("IN ");
            var typeStart = sb.Length;
            sb.Append(record.Type.ToString());
            Pad(sb, typeStart + typeWidth);
            sb.Append(' ');
            record.Data.WritePresentation(sb, origin);
            sb.Append('\n');
        }
    }

    /// <summary>The TTL most records have (the smaller on a tie), so that $TTL saves the most repetition.</summary>
    private static uint MostCommonTtl(Zone zone) =>
        zone.RecordSets.SelectMany(s => s.Records.Select(_ => s.Ttl))
            .Append(zone.Soa.Ttl)
            .GroupBy(t => t)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .First().Key;

    private static int Digits(uint value) => value.ToString(CultureInfo.InvariantCulture).Length;

    private static void Pad(StringBuilder sb, int column)
    {
        if (sb.Length < column)
        {
            sb.Append(' ', column - sb.Length);
        }
    }
}
