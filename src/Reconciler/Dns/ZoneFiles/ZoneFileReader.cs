using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Records;

namespace Reconciler.Dns.ZoneFiles;

/// <summary>
/// Reads RFC 1035 §5 master files: <c>$ORIGIN</c>, <c>$TTL</c>, relative and absolute owners, <c>@</c>, a blank
/// owner for "same as before", TTL and class in either order, BIND's TTL units, parentheses across lines, comments,
/// quoted strings and escapes, and RFC 3597 <c>\#</c> data. <c>$INCLUDE</c> is refused: a zone is one file, so what
/// the planner reads is what the file says. Errors are <see cref="DnsFormatException"/>s that carry the file, line
/// and column.
/// <para>
/// Beyond syntax it checks what would make BIND refuse the zone or make the RRset model ambiguous: one SOA, records
/// inside the zone, one TTL per RRset, and no CNAME beside other data. Exact duplicates are dropped (RFC 2181 §5).
/// </para>
/// </summary>
public static class ZoneFileReader
{
    /// <summary>Reads a whole zone: exactly one SOA, whose owner is the zone's origin.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="fileName">Named in error messages.</param>
    /// <param name="origin">The zone's name if known: the initial $ORIGIN, and the SOA must be there.</param>
    public static Zone Read(string text, string fileName, DnsName? origin = null)
    {
        var parsed = Parse(text, fileName, origin);
        if (parsed.Soa is null)
        {
            throw new DnsFormatException("there is no SOA record; a zone file starts with the zone's SOA record", fileName, 0, 0);
        }

        return new Zone(parsed.Soa, parsed.Records);
    }

    /// <summary>Reads records without requiring a SOA (a fragment); a SOA, if present, is among them.</summary>
    public static IReadOnlyList<ResourceRecord> ReadRecords(string text, string fileName, DnsName? origin = null)
    {
        var parsed = Parse(text, fileName, origin);
        return parsed.Soa is null ? parsed.Records : [parsed.Soa, .. parsed.Records];
    }

    public static async Task<Zone> ReadFileAsync(string path, DnsName? origin = null, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return Read(text, path, origin);
    }

    private static (ResourceRecord? Soa, List<ResourceRecord> Records) Parse(string text, string fileName, DnsName? origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var reader = new PresentationReader(text, fileName);
        var state = new ParseState(fileName, origin);
        while (reader.NextEntry(out var startsWithBlank))
        {
            var first = reader.Read("a record");
            if (!startsWithBlank && !first.Quoted && reader.Span(first) is ['$', ..])
            {
                ReadDirective(reader, first, state);
                continue;
            }

            ReadRecord(reader, first, startsWithBlank, state);
        }

        return state.Finish();
    }

    private static void ReadDirective(PresentationReader reader, PresentationToken directive, ParseState state)
    {
        if (reader.IsWord(directive, "$ORIGIN"))
        {
            state.Origin = reader.ReadName("the name after $ORIGIN", state.Origin);
            reader.ExpectEnd("the $ORIGIN name");
        }
        else if (reader.IsWord(directive, "$TTL"))
        {
            var token = reader.Read("the TTL after $TTL");
            state.DefaultTtl = ReadTtl(reader, token);
            reader.ExpectEnd("the $TTL value");
        }
        else if (reader.IsWord(directive, "$INCLUDE"))
        {
            throw reader.Error(directive, "$INCLUDE is not supported: a zone is read from one file, so put the included records in this file");
        }
        else if (reader.IsWord(directive, "$GENERATE"))
        {
            throw reader.Error(directive, "$GENERATE is a BIND extension and is not supported: write the generated records out");
        }
        else
        {
            throw reader.Error(directive, $"unknown directive {PresentationText.Describe(reader.Span(directive))}; a zone file has $ORIGIN and $TTL");
        }
    }

    private static void ReadRecord(PresentationReader reader, PresentationToken first, bool startsWithBlank, ParseState state)
    {
        DnsName owner;
        PresentationToken next;
        if (startsWithBlank)
        {
            owner = state.PreviousOwner
                ?? throw reader.Error(first, "this line starts with a space, which means \"same owner as the previous record\", but there is no previous record; put the owner name in the first column");
            next = first;
        }
        else
        {
            owner = reader.ToName(first, "owner name", state.Origin);
            if (!reader.TryRead(out next))
            {
                throw reader.ErrorHere($"missing the record type after the owner {PresentationText.Describe(reader.Span(first))}");
            }
        }

        uint? ttl = null;
        var sawClass = false;
        RecordType type;
        while (true)
        {
            var span = reader.Span(next);
            if (next.Quoted)
            {
                throw reader.Error(next, $"expected a TTL, the class IN or a record type, not the quoted string \"{span}\"");
            }

            if (span.Length > 0 && char.IsAsciiDigit(span[0]))
            {
                if (ttl is not null)
                {
                    throw reader.Error(next, $"a second TTL {PresentationText.Describe(span)} on one record");
                }

                ttl = ReadTtl(reader, next);
            }
            else if (IsClass(span, out var isIn))
            {
                if (!isIn)
                {
                    throw reader.Error(next, $"only class IN is supported, not {PresentationText.Describe(span)}");
                }

                if (sawClass)
                {
                    throw reader.Error(next, "a second class on one record");
                }

                sawClass = true;
            }
            else if (RecordType.TryParse(span, out type))
            {
                break;
            }
            else
            {
                throw reader.Error(next, $"unknown record type {PresentationText.Describe(span)}; {RecordType.SupportedHint}");
            }

            if (!reader.TryRead(out next))
            {
                throw reader.ErrorHere($"missing record type for {owner.RelativeTo(state.Origin)}");
            }
        }

        var data = RecordData.ReadPresentation(reader, type, state.Origin);
        reader.ExpectEndOfData(type);

        uint effectiveTtl;
        if (ttl is { } explicitTtl)
        {
            effectiveTtl = explicitTtl;
            state.LastExplicitTtl = explicitTtl;
        }
        else if (state.DefaultTtl is { } defaultTtl)
        {
            effectiveTtl = defaultTtl;
        }
        else if (data is SoaData soa)
        {
            // BIND's fallback for a SOA without $TTL: its own negative-caching TTL.
            effectiveTtl = Math.Min(soa.Minimum, ResourceRecord.MaxTtl);
        }
        else if (state.LastExplicitTtl is { } last)
        {
            // RFC 1035 §5.1: a missing TTL is the last one stated.
            effectiveTtl = last;
        }
        else
        {
            throw reader.Error(first, "this record has no TTL and no earlier TTL applies; add \"$TTL 3600\" at the top of the file or give the record a TTL");
        }

        state.PreviousOwner = owner;
        state.Add(new ResourceRecord(owner, type, effectiveTtl, data), first);
    }

    private static uint ReadTtl(PresentationReader reader, PresentationToken token)
    {
        var span = reader.Span(token);
        if (token.Quoted || token.HasEscape)
        {
            throw reader.Error(token, $"{PresentationText.Describe(span)} is not a TTL: it cannot be quoted or escaped");
        }

        if (!TtlText.TryParse(span, out var seconds, out var error))
        {
            throw reader.Error(token, $"{PresentationText.Describe(span)} is not a TTL: {error}");
        }

        if (seconds > ResourceRecord.MaxTtl)
        {
            throw reader.Error(token, $"the TTL {seconds} is above the maximum of {ResourceRecord.MaxTtl} seconds (RFC 2181)");
        }

        return seconds;
    }

    private static bool IsClass(ReadOnlySpan<char> text, out bool isIn)
    {
        isIn = text.Equals("IN", StringComparison.OrdinalIgnoreCase) || text.Equals("CLASS1", StringComparison.OrdinalIgnoreCase);
        return isIn
            || text.Equals("CH", StringComparison.OrdinalIgnoreCase)
            || text.Equals("HS", StringComparison.OrdinalIgnoreCase)
            || text.Equals("CS", StringComparison.OrdinalIgnoreCase)
            || (text.Length > 5 && text[..5].Equals("CLASS", StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(text[5]));
    }

    /// <summary>What one pass over a file has seen so far.</summary>
    private sealed class ParseState(string fileName, DnsName? zoneName)
    {
        private readonly Dictionary<(DnsName Name, RecordType Type), RRsetSeen> _sets = [];
        private readonly List<(ResourceRecord Record, PresentationToken At)> _records = [];
        private readonly DnsName? _zoneName = zoneName;
        private ResourceRecord? _soa;
        private PresentationToken _soaAt;

        public DnsName? Origin { get; set; } = zoneName;

        public uint? DefaultTtl { get; set; }

        public uint? LastExplicitTtl { get; set; }

        public DnsName? PreviousOwner { get; set; }

        public void Add(ResourceRecord record, PresentationToken at)
        {
            if (record.Type == RecordType.SOA)
            {
                if (_soa is not null)
                {
                    throw Error(at, $"a second SOA record; the zone's SOA is on line {_soaAt.Line}");
                }

                if (_zoneName is not null && record.Name != _zoneName)
                {
                    throw Error(at, $"the SOA record is for {record.Name}, but this file is the zone {_zoneName}");
                }

                _soa = record;
                _soaAt = at;
                return;
            }

            var key = (record.Name, record.Type);
            if (_sets.TryGetValue(key, out var seen))
            {
                if (seen.Ttl != record.Ttl)
                {
                    throw Error(at, $"TTL {record.Ttl} differs from the TTL {seen.Ttl} that line {seen.Line} gives {record.Name} {record.Type}; records of one name and type share one TTL (RFC 2181 §5.2)");
                }

                // RRsets are small: a list scan beats a hash set per name and type.
                if (seen.Data.Contains(record.Data))
                {
                    return;
                }

                seen.Data.Add(record.Data);

                if (record.Type == RecordType.CNAME)
                {
                    throw Error(at, $"{record.Name} has a second CNAME record (the first is on line {seen.Line}); a name is an alias of one target only");
                }
            }
            else
            {
                _sets[key] = new RRsetSeen(record.Ttl, at.Line, [record.Data]);
            }

            _records.Add((record, at));
        }

        public (ResourceRecord? Soa, List<ResourceRecord> Records) Finish()
        {
            var cnames = new Dictionary<DnsName, int>();
            foreach (var (name, type) in _sets.Keys)
            {
                if (type == RecordType.CNAME)
                {
                    cnames[name] = _sets[(name, type)].Line;
                }
            }

            var list = new List<ResourceRecord>(_records.Count);
            foreach (var (record, at) in _records)
            {
                if (_soa is not null && !record.Name.IsSubdomainOf(_soa.Name))
                {
                    throw Error(at, $"{record.Name} is outside the zone {_soa.Name} (its SOA is on line {_soaAt.Line})");
                }

                if (record.Type != RecordType.CNAME && cnames.TryGetValue(record.Name, out var cnameLine) && !IsDnssec(record.Type))
                {
                    throw Error(at, $"{record.Name} has a CNAME (line {cnameLine}) and other data; a CNAME must be the only record at its name (RFC 1034 §3.6.2)");
                }

                list.Add(record);
            }

            if (_soa is not null && cnames.TryGetValue(_soa.Name, out var apexCname))
            {
                throw new DnsFormatException($"the zone apex {_soa.Name} has a CNAME; the apex holds the SOA and NS records, so it cannot be an alias", fileName, apexCname, 0);
            }

            return (_soa, list);
        }

        // RRSIG and NSEC may sit beside a CNAME (RFC 4035 §2.5).
        private static bool IsDnssec(RecordType type) => type.Code is 46 or 47;

        private DnsFormatException Error(PresentationToken at, string reason) => new(reason, fileName, at.Line, at.Column);

        private sealed record RRsetSeen(uint Ttl, int Line, List<RecordData> Data);
    }
}
