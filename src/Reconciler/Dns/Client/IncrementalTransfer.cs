using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Dns.Client;

/// <summary>
/// What an IXFR answer (RFC 1995) said: nothing newer than the serial asked about, the whole zone (servers fall back
/// to the AXFR form when their journal does not reach back that far), or the differences serial by serial.
/// </summary>
public abstract record IncrementalTransfer
{
    private IncrementalTransfer()
    {
    }

    /// <summary>The server has nothing newer than the serial asked about (RFC 1995 §4: a single SOA).</summary>
    public sealed record UpToDate(ResourceRecord Soa) : IncrementalTransfer;

    /// <summary>The whole zone, SOA first, the closing SOA left out, as an AXFR gives it.</summary>
    public sealed record Whole(IReadOnlyList<ResourceRecord> Records) : IncrementalTransfer;

    /// <summary>The changes from the serial asked about to <paramref name="Soa"/>'s, oldest first.</summary>
    public sealed record Changes(ResourceRecord Soa, IReadOnlyList<IncrementalChange> Steps) : IncrementalTransfer;
}

/// <summary>One version step of an incremental transfer: the records removed and added between two serials.</summary>
public sealed record IncrementalChange(uint FromSerial, uint ToSerial, IReadOnlyList<ResourceRecord> Deleted, IReadOnlyList<ResourceRecord> Added)
{
    /// <summary>
    /// The zone after these steps, from its records before them (SOA first). Null when the steps do not fit
    /// (a deleted record that is not there, or a first step from another serial): the caller transfers the whole
    /// zone instead of trusting a copy that went out of step.
    /// </summary>
    public static IReadOnlyList<ResourceRecord>? Apply(IReadOnlyList<ResourceRecord> before, IncrementalTransfer.Changes changes)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(changes);
        if (before.Count == 0 || before[0].Data is not SoaData soa || changes.Steps.Count == 0 || changes.Steps[0].FromSerial != soa.Serial)
        {
            return null;
        }

        var records = before.Skip(1).ToList();
        foreach (var step in changes.Steps)
        {
            foreach (var gone in step.Deleted)
            {
                var at = records.FindIndex(r => SameRecord(r, gone));
                if (at < 0)
                {
                    return null;
                }

                records.RemoveAt(at);
            }

            foreach (var added in step.Added)
            {
                // Adding a record that is there already changes only its TTL (RFC 2136 §3.4.2.2 semantics).
                records.RemoveAll(r => SameRecord(r, added));
                records.Add(added);
            }
        }

        return [changes.Soa, .. records];
    }

    private static bool SameRecord(ResourceRecord a, ResourceRecord b) => a.Name == b.Name && a.Type == b.Type && a.Data.Equals(b.Data);
}

/// <summary>
/// Reads the answer records of an IXFR in order and says when the transfer is complete. The form is told apart by
/// the second record: another SOA starts the incremental form, anything else is the AXFR form.
/// </summary>
internal sealed class IncrementalTransferReader(DnsName zone, uint knownSerial, string server) : ITransferReader<IncrementalTransfer>
{
    private readonly List<ResourceRecord> _records = [];
    private readonly List<IncrementalChange> _steps = [];
    private State _state = State.First;
    private ResourceRecord? _soa;
    private uint _from;
    private uint _to;
    private List<ResourceRecord> _deleted = [];
    private List<ResourceRecord> _added = [];

    private enum State
    {
        First,
        Second,
        Whole,
        Deleting,
        Adding,
        Complete,
    }

    public bool IsComplete => _state == State.Complete;

    public IncrementalTransfer Result => _state switch
    {
        State.Complete when _steps.Count > 0 => new IncrementalTransfer.Changes(_soa!, _steps),
        State.Complete when _records.Count > 1 => new IncrementalTransfer.Whole(_records),
        State.Complete => new IncrementalTransfer.UpToDate(_soa!),
        _ => throw new InvalidOperationException("the transfer is not complete"),
    };

    public void Add(ResourceRecord record)
    {
        var soa = record.Data as SoaData;
        if (soa is not null && record.Name != zone)
        {
            throw new DnsException($"{server}'s IXFR of {zone} carries the SOA of {record.Name}", server);
        }

        switch (_state)
        {
            case State.First:
                if (soa is null)
                {
                    throw new DnsException($"{server}'s IXFR of {zone} does not start with the zone's SOA (it starts with {record.Name} {record.Type})", server);
                }

                _soa = record;
                _records.Add(record);
                // RFC 1995 §4: when the client is up to date the answer is that one SOA.
                _state = SoaSerial.IsNewer(soa.Serial, knownSerial) ? State.Second : State.Complete;
                break;
            case State.Second when soa is null:
                _records.Add(record);
                _state = State.Whole;
                break;
            case State.Second:
                StartStep(soa!.Serial);
                break;
            case State.Whole when soa is null:
                _records.Add(record);
                break;
            case State.Whole:
                _state = soa!.Serial == Serial
                    ? State.Complete
                    : throw new DnsException($"{server}'s transfer of {zone} ends with serial {soa.Serial} but began with {Serial}: the zone changed during the transfer; try again", server);
                break;
            case State.Deleting when soa is null:
                _deleted.Add(record);
                break;
            case State.Deleting:
                _to = soa!.Serial;
                _state = State.Adding;
                break;
            case State.Adding when soa is null:
                _added.Add(record);
                break;
            case State.Adding:
                _steps.Add(new IncrementalChange(_from, _to, _deleted, _added));
                if (_to == Serial && soa!.Serial == Serial)
                {
                    _state = State.Complete;
                }
                else
                {
                    StartStep(soa!.Serial);
                }

                break;
            default:
                throw new DnsException($"{server} sent {record.Name} {record.Type} after the end of its IXFR of {zone}", server);
        }
    }

    private uint Serial => ((SoaData)_soa!.Data).Serial;

    private void StartStep(uint from)
    {
        if (_steps.Count > 0 && _steps[^1].ToSerial != from)
        {
            throw new DnsException($"{server}'s IXFR of {zone} jumps from serial {_steps[^1].ToSerial} to {from}", server);
        }

        _from = from;
        _deleted = [];
        _added = [];
        _state = State.Deleting;
    }
}
