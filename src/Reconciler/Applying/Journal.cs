using System.Globalization;
using Microsoft.Data.Sqlite;
using Reconciler.Dns;
using Reconciler.Planning;

namespace Reconciler.Applying;

/// <summary>
/// The apply journal (SQLite): every apply with its plan fingerprint and Git commit, and every step with its start,
/// end and result. Each record is committed before the next step starts, so a process killed at any point leaves a
/// journal from which the next apply resumes without repeating a finished step.
/// </summary>
public sealed class Journal : IAsyncDisposable
{
    private readonly SqliteConnection _db;

    private Journal(SqliteConnection db, string path)
    {
        _db = db;
        Path = path;
    }

    public string Path { get; }

    public static async Task<Journal> OpenAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync(ct);
        await using (var cmd = db.CreateCommand())
        {
            // WAL + NORMAL: a committed step survives the process being killed, which is the failure the journal is for.
            cmd.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS applies (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  plan_fingerprint TEXT NOT NULL,
                  portfolio TEXT NOT NULL,
                  commit_sha TEXT,
                  started_at TEXT NOT NULL,
                  ended_at TEXT,
                  result TEXT
                );
                CREATE TABLE IF NOT EXISTS steps (
                  apply_id INTEGER NOT NULL REFERENCES applies(id),
                  step_index INTEGER NOT NULL,
                  domain TEXT NOT NULL,
                  resource TEXT NOT NULL,
                  action TEXT NOT NULL,
                  purpose TEXT,
                  rrset_name TEXT,
                  rrset_type TEXT,
                  previous_ttl INTEGER,
                  state TEXT NOT NULL,
                  started_at TEXT,
                  ended_at TEXT,
                  error TEXT,
                  PRIMARY KEY (apply_id, domain, step_index)
                );
                CREATE TABLE IF NOT EXISTS known_good (
                  domain TEXT PRIMARY KEY,
                  recorded_at TEXT NOT NULL,
                  record_sets TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS applies_by_plan ON applies(plan_fingerprint);
                CREATE INDEX IF NOT EXISTS steps_by_purpose ON steps(purpose, state);
                """;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return new Journal(db, path);
    }

    public async Task<long> BeginApplyAsync(Plan plan, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO applies (plan_fingerprint, portfolio, commit_sha, started_at) VALUES ($p, $f, $c, $t); SELECT last_insert_rowid();";
        cmd.Parameters.AddWithValue("$p", plan.Fingerprint);
        cmd.Parameters.AddWithValue("$f", plan.Portfolio);
        cmd.Parameters.AddWithValue("$c", (object?)plan.Commit ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$t", Format(now));
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task EndApplyAsync(long applyId, string result, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "UPDATE applies SET ended_at = $t, result = $r WHERE id = $id";
        cmd.Parameters.AddWithValue("$t", Format(now));
        cmd.Parameters.AddWithValue("$r", result);
        cmd.Parameters.AddWithValue("$id", applyId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The latest apply of this plan that did not finish (killed, failed part-way, or waiting for a staged cutover):
    /// the one to resume.
    /// </summary>
    public async Task<JournalApply?> FindUnfinishedAsync(string planFingerprint, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id, plan_fingerprint, portfolio, commit_sha, started_at, ended_at, result FROM applies WHERE plan_fingerprint = $p AND (result IS NULL OR result <> 'succeeded') ORDER BY id DESC LIMIT 1";
        cmd.Parameters.AddWithValue("$p", planFingerprint);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? ReadApply(r) : null;
    }

    public async Task<IReadOnlyList<JournalApply>> AppliesAsync(CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id, plan_fingerprint, portfolio, commit_sha, started_at, ended_at, result FROM applies ORDER BY id";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<JournalApply>();
        while (await r.ReadAsync(ct))
        {
            list.Add(ReadApply(r));
        }

        return list;
    }

    public async Task StepStartedAsync(long applyId, PlanStep step, DateTimeOffset now, CancellationToken ct)
    {
        var (name, type, previousTtl) = step is { Before: Providers.RecordSetResource b }
            ? (b.Set.Name.ToString(), b.Set.Type.ToString(), (long?)b.Set.Ttl)
            : (null, null, null);
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            INSERT INTO steps (apply_id, step_index, domain, resource, action, purpose, rrset_name, rrset_type, previous_ttl, state, started_at)
            VALUES ($a, $i, $d, $r, $x, $p, $n, $ty, $ttl, 'started', $t)
            ON CONFLICT (apply_id, domain, step_index) DO UPDATE SET state = 'started', started_at = $t, ended_at = NULL, error = NULL
            """;
        cmd.Parameters.AddWithValue("$a", applyId);
        cmd.Parameters.AddWithValue("$i", step.Index);
        cmd.Parameters.AddWithValue("$d", step.Domain);
        cmd.Parameters.AddWithValue("$r", step.ResourceId);
        cmd.Parameters.AddWithValue("$x", step.Action.ToString().ToLowerInvariant());
        cmd.Parameters.AddWithValue("$p", (object?)step.Purpose ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$n", (object?)name ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$ty", (object?)type ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$ttl", (object?)previousTtl ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$t", Format(now));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task StepEndedAsync(long applyId, string domain, int stepIndex, StepState state, string? error, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "UPDATE steps SET state = $s, ended_at = $t, error = $e WHERE apply_id = $a AND domain = $d AND step_index = $i";
        cmd.Parameters.AddWithValue("$d", domain);
        cmd.Parameters.AddWithValue("$s", state.ToString().ToLowerInvariant());
        cmd.Parameters.AddWithValue("$t", Format(now));
        cmd.Parameters.AddWithValue("$e", (object?)error ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$a", applyId);
        cmd.Parameters.AddWithValue("$i", stepIndex);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<JournalEntry>> StepsAsync(long applyId, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT apply_id, step_index, domain, resource, action, state, started_at, ended_at, error FROM steps WHERE apply_id = $a ORDER BY domain, step_index";
        cmd.Parameters.AddWithValue("$a", applyId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<JournalEntry>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new JournalEntry(
                r.GetInt64(0),
                r.GetInt32(1),
                r.GetString(2),
                r.GetString(3),
                r.GetString(4),
                Enum.Parse<StepState>(r.GetString(5), ignoreCase: true),
                r.IsDBNull(6) ? null : Parse(r.GetString(6)),
                r.IsDBNull(7) ? null : Parse(r.GetString(7)),
                r.IsDBNull(8) ? null : r.GetString(8)));
        }

        return list;
    }

    /// <summary>
    /// TTLs lowered ahead of a cutover, so the next plan knows when the switch may happen. A lowering still marked
    /// 'started' counts too (from its start): the process may have died after the provider lowered the TTL but before
    /// the journal heard of it, and a re-plan that then sees the low TTL must still wait out the old one rather than
    /// switch at once. If the lowering never took, the wait only delays a cutover the next plan stages again anyway.
    /// </summary>
    public async Task<IReadOnlyList<CutoverWait>> CutoverWaitsAsync(CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT domain, rrset_name, rrset_type, COALESCE(ended_at, started_at), previous_ttl FROM steps WHERE purpose = $p AND state IN ('succeeded', 'started') AND rrset_name IS NOT NULL";
        cmd.Parameters.AddWithValue("$p", PlanStep.TtlLowering);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CutoverWait>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new CutoverWait(r.GetString(0), DnsName.Parse(r.GetString(1)), RecordType.Parse(r.GetString(2)), Parse(r.GetString(3)), (uint)r.GetInt64(4)));
        }

        return list;
    }

    /// <summary>
    /// Records what the plan's domains hold now that this apply ran (null: nothing ran, the plan was in sync): the
    /// last-known-good the next plan compares live with (see <see cref="KnownGood"/>).
    /// </summary>
    public async Task RecordKnownGoodAsync(long? applyId, Plan plan, DateTimeOffset now, CancellationToken ct)
    {
        var succeeded = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        if (applyId is { } id)
        {
            foreach (var e in await StepsAsync(id, ct))
            {
                if (e.State == StepState.Succeeded)
                {
                    (succeeded.TryGetValue(e.Domain, out var set) ? set : succeeded[e.Domain] = []).Add(e.StepIndex);
                }
            }
        }

        var earlier = plan.Domains.Any(d => d.DesiredRecordSets is null || d.Steps.Count > 0) ? await KnownGoodAsync(ct) : new Dictionary<string, KnownGood>();
        await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(ct);
        await using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO known_good (domain, recorded_at, record_sets) VALUES ($d, $t, $s) ON CONFLICT (domain) DO UPDATE SET recorded_at = $t, record_sets = $s";
        var domain = cmd.Parameters.Add("$d", SqliteType.Text);
        cmd.Parameters.AddWithValue("$t", Format(now));
        var sets = cmd.Parameters.Add("$s", SqliteType.Text);
        foreach (var d in plan.Domains)
        {
            var after = KnownGoodRecords.After(d, succeeded.GetValueOrDefault(d.Domain) ?? [], () => earlier.GetValueOrDefault(d.Domain)?.RecordSets.Value ?? KnownGood.None.RecordSets.Value);
            if (after is not null)
            {
                domain.Value = d.Domain;
                sets.Value = KnownGoodRecords.Write(after.Values);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Every domain's last-known-good, by domain; record sets are parsed when first looked at.</summary>
    public async Task<IReadOnlyDictionary<string, KnownGood>> KnownGoodAsync(CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT domain, recorded_at, record_sets FROM known_good";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var all = new Dictionary<string, KnownGood>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            var (domain, json) = (r.GetString(0), r.GetString(2));
            all[domain] = new KnownGood(new Lazy<IReadOnlyDictionary<(DnsName, RecordType), RecordSet>>(() => KnownGoodRecords.Read(domain, json)), Parse(r.GetString(1)));
        }

        return all;
    }

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private static JournalApply ReadApply(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3),
        Parse(r.GetString(4)),
        r.IsDBNull(5) ? null : Parse(r.GetString(5)),
        r.IsDBNull(6) ? null : r.GetString(6));

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
