using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Reconciler.Daemon;

/// <summary>
/// The daemon's own small database in its work folder: each domain's <see cref="DomainState"/> and which journal
/// applies already have their git note. The journal stays the record of steps; this only remembers decisions.
/// </summary>
public sealed class StateStore : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private readonly SqliteConnection _db;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private StateStore(SqliteConnection db) => _db = db;

    public static async Task<StateStore> OpenAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync(ct);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS domains (domain TEXT PRIMARY KEY, state TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS noted_applies (apply_id INTEGER PRIMARY KEY);
            """;
        await cmd.ExecuteNonQueryAsync(ct);
        return new StateStore(db);
    }

    public async Task<IReadOnlyList<DomainState>> LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT state FROM domains";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var list = new List<DomainState>();
            while (await r.ReadAsync(ct))
            {
                if (JsonSerializer.Deserialize<DomainState>(r.GetString(0), Json) is { } s)
                {
                    list.Add(s);
                }
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(IEnumerable<DomainState> states, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var tx = (SqliteTransaction)await _db.BeginTransactionAsync(ct);
            await using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO domains (domain, state) VALUES ($d, $s) ON CONFLICT (domain) DO UPDATE SET state = $s";
            var d = cmd.Parameters.Add("$d", SqliteType.Text);
            var s = cmd.Parameters.Add("$s", SqliteType.Text);
            foreach (var state in states)
            {
                d.Value = state.Domain;
                s.Value = JsonSerializer.Serialize(state, Json);
                await cmd.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ForgetAsync(string domain, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = "DELETE FROM domains WHERE domain = $d";
            cmd.Parameters.AddWithValue("$d", domain);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlySet<long>> NotedAppliesAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT apply_id FROM noted_applies";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var set = new HashSet<long>();
            while (await r.ReadAsync(ct))
            {
                set.Add(r.GetInt64(0));
            }

            return set;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task MarkNotedAsync(IEnumerable<long> applyIds, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            foreach (var id in applyIds)
            {
                await using var cmd = _db.CreateCommand();
                cmd.CommandText = "INSERT OR IGNORE INTO noted_applies (apply_id) VALUES ($a)";
                cmd.Parameters.AddWithValue("$a", id);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        _gate.Dispose();
    }
}
