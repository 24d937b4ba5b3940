using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Reconciler.Migration;

/// <summary>
/// Migration progress in SQLite: one row per (mailbox, source folder, destination folder), plus the messages the
/// destination refused. Each write is its own committed transaction (WAL), so a process killed at any point keeps
/// every batch confirmed before it. Safe to use from several mailboxes at once.
/// </summary>
public sealed class CheckpointStore : IAsyncDisposable
{
    private readonly SqliteConnection? _db;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly bool _readOnly;

    private CheckpointStore(SqliteConnection? db, string path, TimeProvider clock, bool readOnly)
    {
        _db = db;
        Path = path;
        _clock = clock;
        _readOnly = readOnly;
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
                CREATE TABLE IF NOT EXISTS rejected_messages (
                  mailbox TEXT NOT NULL,
                  source_folder TEXT NOT NULL,
                  destination_folder TEXT NOT NULL,
                  uidvalidity INTEGER NOT NULL,
                  uid INTEGER NOT NULL,
                  message_id TEXT,
                  size INTEGER NOT NULL,
                  reason TEXT NOT NULL,
                  rejected_at TEXT NOT NULL,
                  PRIMARY KEY (mailbox, source_folder, destination_folder, uidvalidity, uid)
                );
                """;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new CheckpointStore(db, path, clock, readOnly: false);
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
        var rows = await ReadAsync(
            """
            SELECT mailbox, source_folder, destination_folder, uidvalidity, last_uid, destination_uidvalidity,
                   destination_uidnext, full_deduplication, copied_messages, copied_bytes, completed
            FROM folder_checkpoints WHERE mailbox = $m AND source_folder = $s AND destination_folder = $d
            """,
            cmd =>
            {
                cmd.Parameters.AddWithValue("$m", mailbox);
                cmd.Parameters.AddWithValue("$s", sourceFolder);
                cmd.Parameters.AddWithValue("$d", destinationFolder);
            },
            ReadCheckpoint,
            ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<FolderCheckpoint>> ListAsync(CancellationToken ct) => ReadAsync(
        """
        SELECT mailbox, source_folder, destination_folder, uidvalidity, last_uid, destination_uidvalidity,
               destination_uidnext, full_deduplication, copied_messages, copied_bytes, completed
        FROM folder_checkpoints ORDER BY mailbox, source_folder, destination_folder
        """,
        _ => { },
        ReadCheckpoint,
        ct);

    /// <summary>Commits the row; on return it survives a crash of this process.</summary>
    public Task SaveAsync(FolderCheckpoint checkpoint, CancellationToken ct) => WriteAsync(
        """
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
        """,
        cmd =>
        {
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
            cmd.Parameters.AddWithValue("$t", Now());
        });

    /// <summary>Source UIDs the destination refused in earlier runs (to be tried again).</summary>
    public async Task<IReadOnlySet<uint>> ListRejectedAsync(
        string mailbox, string sourceFolder, string destinationFolder, uint uidValidity, CancellationToken ct)
    {
        var uids = await ReadAsync(
            """
            SELECT uid FROM rejected_messages
            WHERE mailbox = $m AND source_folder = $s AND destination_folder = $d AND uidvalidity = $v
            """,
            cmd =>
            {
                cmd.Parameters.AddWithValue("$m", mailbox);
                cmd.Parameters.AddWithValue("$s", sourceFolder);
                cmd.Parameters.AddWithValue("$d", destinationFolder);
                cmd.Parameters.AddWithValue("$v", (long)uidValidity);
            },
            r => (uint)r.GetInt64(0),
            ct).ConfigureAwait(false);
        return uids.ToHashSet();
    }

    public Task SaveRejectedAsync(string mailbox, RejectedMessage message) => WriteAsync(
        """
        INSERT INTO rejected_messages (mailbox, source_folder, destination_folder, uidvalidity, uid, message_id, size, reason, rejected_at)
        VALUES ($m, $s, $d, $v, $u, $i, $z, $r, $t)
        ON CONFLICT (mailbox, source_folder, destination_folder, uidvalidity, uid) DO UPDATE SET
          reason = excluded.reason, rejected_at = excluded.rejected_at
        """,
        cmd =>
        {
            cmd.Parameters.AddWithValue("$m", mailbox);
            cmd.Parameters.AddWithValue("$s", message.SourceFolder);
            cmd.Parameters.AddWithValue("$d", message.DestinationFolder);
            cmd.Parameters.AddWithValue("$v", (long)message.UidValidity);
            cmd.Parameters.AddWithValue("$u", (long)message.Uid);
            cmd.Parameters.AddWithValue("$i", (object?)message.MessageId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$z", message.Size);
            cmd.Parameters.AddWithValue("$r", message.Reason);
            cmd.Parameters.AddWithValue("$t", Now());
        });

    /// <summary>Forgets a refusal once the message went through.</summary>
    public Task ClearRejectedAsync(string mailbox, string sourceFolder, string destinationFolder, uint uidValidity, uint uid) => WriteAsync(
        """
        DELETE FROM rejected_messages
        WHERE mailbox = $m AND source_folder = $s AND destination_folder = $d AND uidvalidity = $v AND uid = $u
        """,
        cmd =>
        {
            cmd.Parameters.AddWithValue("$m", mailbox);
            cmd.Parameters.AddWithValue("$s", sourceFolder);
            cmd.Parameters.AddWithValue("$d", destinationFolder);
            cmd.Parameters.AddWithValue("$v", (long)uidValidity);
            cmd.Parameters.AddWithValue("$u", (long)uid);
        });

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private static FolderCheckpoint ReadCheckpoint(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), (uint)r.GetInt64(3), (uint)r.GetInt64(4), (uint)r.GetInt64(5),
        (uint)r.GetInt64(6), r.GetInt64(7) != 0, r.GetInt64(8), r.GetInt64(9), r.GetInt64(10) != 0);

    private string Now() => _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(
        string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        if (_db is null)
        {
            return [];
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = sql;
            bind(cmd);
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<T>();
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(read(r));
            }

            return list;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(string sql, Action<SqliteCommand> bind)
    {
        if (_db is null || _readOnly)
        {
            throw new InvalidOperationException("This checkpoint file was opened read-only.");
        }

        // Not cancellable once started: what the server confirmed must be recorded, even during Ctrl-C.
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await using var cmd = _db.CreateCommand();
            cmd.CommandText = sql;
            bind(cmd);
            await cmd.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
