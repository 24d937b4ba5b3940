using System.Globalization;
using Microsoft.Data.Sqlite;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// Reads a running (or stopped) daemon's apply journal, read-only: the tests look at what was applied, when, and in
/// which apply, without going through the daemon. Before the daemon created the journal it reads as empty.
/// </summary>
public static class DaemonJournal
{
    public sealed record Step(long ApplyId, int Index, string Domain, string Resource, string Action, string State, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? Purpose);

    public sealed record Apply(long Id, string? Commit, string? Result);

    public static IReadOnlyList<Step> Steps(DaemonRig rig) => Read(rig, "SELECT apply_id, step_index, domain, resource, action, state, started_at, ended_at, purpose FROM steps ORDER BY apply_id, domain, step_index", r => new Step(
        r.GetInt64(0),
        r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.IsDBNull(6) ? null : Time(r.GetString(6)),
        r.IsDBNull(7) ? null : Time(r.GetString(7)),
        r.IsDBNull(8) ? null : r.GetString(8)));

    public static IReadOnlyList<Apply> Applies(DaemonRig rig) => Read(rig, "SELECT id, commit_sha, result FROM applies ORDER BY id", r => new Apply(
        r.GetInt64(0),
        r.IsDBNull(1) ? null : r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2)));

    private static List<T> Read<T>(DaemonRig rig, string sql, Func<SqliteDataReader, T> row)
    {
        var path = Path.Combine(rig.Work, "journal.db");
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 10 }.ToString());
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            var list = new List<T>();
            while (r.Read())
            {
                list.Add(row(r));
            }

            return list;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return []; // the daemon has created the file but not its tables yet
        }
    }

    private static DateTimeOffset Time(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
