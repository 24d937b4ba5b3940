using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reconciler.Migration;

/// <summary>
/// Migration progress in SQLite: one row per (mailbox, source folder, destination folder). Each save is its own
/// committed transaction (WAL), so a process killed at any point keeps every batch confirmed before it. Safe to use
/// from several mailboxes at once.
/// </summary>
public sealed class CheckpointStore : IAsyncDisposable
{
    private readonly SqliteConnection? _db;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly bool _readOnly;

    private CheckpointStore(SqliteConnection? db, string path, TimeProvider clock, bool readOnly = false)
    {
        _db = db;
        _readOnly = readOnly;
        Path = path;
        _clock = clock;
    }

    public string Path { get; }

    /// <summary>False for a dry run's view of a file that does not exist yet (then nothing was copied before).</summary>
    public bool Exists => _db is not null;

    public static async Task<CheckpointStore> OpenAsync(string path, TimeProvider clock, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync(ct).ConfigureAwait(false);
        await using (var cmd = db.CreateCommand())
        {
            // WAL + NORMAL: a committed batch survives the process being killed, which is what the file is for.
            cmd.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS folder_checkpoints (
                  mailbox TEXT NOT NULL,
                  source_folder TEXT NOT NULL,
                  destination_folder TEXT NOT NULL,
                  uidvalidity INTEGER NOT NULL,
                  last_uid INTEGER NOT NULL,
                  destination_uidvalidity INTEGER NOT NULL,
                  destination_uidnext INTEGER NOT NULL,
                  full_deduplication INTEGER NOT NULL,
                  copied_messages INTEGER NOT NULL,
                  copied_bytes INTEGER NOT NULL,
                  completed INTEGER NOT NULL,
                  updated_at TEXT NOT NULL,
                  PRIMARY KEY (mailbox, source_folder, destination_folder)
                );
                """;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new CheckpointStore(db, path, clock);
    }

    /// <summary>Reads an existing file without creating or changing it (for --dry-run).</summary>
    public static async Task<CheckpointStore> OpenReadOnlyAsync(string path, TimeProvider clock, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            return new CheckpointStore(null, path, clock, readOnly: true);
        }

        var db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly,
        }.ToString());
        await db.OpenAsync(ct).ConfigureAwait(false);
        return new CheckpointStore(db, path, clock, readOnly: true);
    }

    public async Task<FolderCheckpoint?> GetAsync(string mailbox, string sourceFolder, string destinationFolder, CancellationToken ct)
    {
        if (_db is null)
        {
            return null;
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT uidvalidity, last_uid, destination_uidvalidity, destination_uidnext, full_deduplication,
                       copied_messages, copied_bytes, completed
                FROM folder_checkpoints WHERE mailbox = $m AND source_folder = $s AND destination_folder = $d
                """;
            cmd.Parameters.AddWithValue("$m", mailbox);
            cmd.Parameters.AddWithValue("$s", sourceFolder);
            cmd.Parameters.AddWithValue("$d", destinationFolder);
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await r.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            return new FolderCheckpoint(mailbox, sourceFolder, destinationFolder,
                (uint)r.GetInt64(0), (uint)r.GetInt64(1), (uint)r.GetInt64(2), (uint)r.GetInt64(3), r.GetInt64(4) != 0,
                r.GetInt64(5), r.GetInt64(6), r.GetInt64(7) != 0);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<FolderCheckpoint>> ListAsync(CancellationToken ct)
    {
        if (_db is null)
        {
            return [];
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT mailbox, source_folder, destination_folder, uidvalidity, last_uid, destination_uidvalidity,
                       destination_uidnext, full_deduplication, copied_messages, copied_bytes, completed
                FROM folder_checkpoints ORDER BY mailbox, source_folder, destination_folder
                """;
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<FolderCheckpoint>();
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new FolderCheckpoint(r.GetString(0), r.GetString(1), r.GetString(2),
                    (uint)r.GetInt64(3), (uint)r.GetInt64(4), (uint)r.GetInt64(5), (uint)r.GetInt64(6), r.GetInt64(7) != 0,
                    r.GetInt64(8), r.GetInt64(9), r.GetInt64(10) != 0));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Commits the row; on return it survives a crash of this process.</summary>
    public async Task SaveAsync(FolderCheckpoint checkpoint, CancellationToken ct)
    {
        if (_db is null || _readOnly)
        {
            throw new InvalidOperationException("This checkpoint file was opened read-only.");
        }

        // Not cancellable once started: a batch the server confirmed must be recorded, even during Ctrl-C.
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO folder_checkpoints (mailbox, source_folder, destination_folder, uidvalidity, last_uid,
                  destination_uidvalidity, destination_uidnext, full_deduplication, copied_messages, copied_bytes,
                  completed, updated_at)
                VALUES ($m, $s, $d, $v, $u, $dv, $dn, $f, $cm, $cb, $c, $t)
                ON CONFLICT (mailbox, source_folder, destination_folder) DO UPDATE SET
                  uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
                  destination_uidvalidity = excluded.destination_uidvalidity,
                  destination_uidnext = excluded.destination_uidnext, full_deduplication = excluded.full_deduplication,
                  copied_messages = excluded.copied_messages, copied_bytes = excluded.copied_bytes,
                  completed = excluded.completed, updated_at = excluded.updated_at
                """;
            cmd.Parameters.AddWithValue("$m", checkpoint.Mailbox);
            cmd.Parameters.AddWithValue("$s", checkpoint.SourceFolder);
            cmd.Parameters.AddWithValue("$d", checkpoint.DestinationFolder);
            cmd.Parameters.AddWithValue("$v", (long)checkpoint.UidValidity);
            cmd.Parameters.AddWithValue("$u", (long)checkpoint.LastUid);
            cmd.Parameters.AddWithValue("$dv", (long)checkpoint.DestinationUidValidity);
            cmd.Parameters.AddWithValue("$dn", (long)checkpoint.DestinationUidNext);
            cmd.Parameters.AddWithValue("$f", checkpoint.FullDeduplication ? 1 : 0);
            cmd.Parameters.AddWithValue("$cm", checkpoint.CopiedMessages);
            cmd.Parameters.AddWithValue("$cb", checkpoint.CopiedBytes);
            cmd.Parameters.AddWithValue("$c", checkpoint.Completed ? 1 : 0);
            cmd.Parameters.AddWithValue("$t", _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await cmd.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
