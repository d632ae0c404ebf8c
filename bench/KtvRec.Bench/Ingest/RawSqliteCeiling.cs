using System.Data.Common;
using System.Globalization;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;
using Microsoft.Data.Sqlite;

namespace KtvRec.Bench.Ingest;

/// <summary>SQLite alone: the events inserted with Microsoft.Data.Sqlite in IMMEDIATE transactions, WAL and synchronous=FULL.</summary>
public sealed class RawSqliteCeiling(string directory) : RawIngestCeiling
{
    private const string Insert = """
        INSERT INTO Events (ClientEventId, Type, UserId, SongId, SessionId, OccurredAt, ReceivedAt, Progress, Score)
        VALUES ($id, $type, $user, $song, NULL, $at, $received, $progress, $score)
        """;

    public override string Name => "raw SQLite";

    public override string Durability => "fsynced (synchronous=FULL, WAL)";

    protected override KtvDbContext CreateContext()
    {
        Directory.CreateDirectory(directory);
        return new KtvDbContext(SqliteStore.Options(directory));
    }

    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(SqliteStore.ConnectionString(directory));
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    protected override void InsertGroup(DbConnection connection, SimulatedEvent[] events, string idPrefix)
    {
        var sqlite = (SqliteConnection)connection;
        using var transaction = sqlite.BeginTransaction(deferred: false);
        using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var user = command.Parameters.Add("$user", SqliteType.Text);
        var song = command.Parameters.Add("$song", SqliteType.Text);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var received = command.Parameters.Add("$received", SqliteType.Text);
        var progress = command.Parameters.Add("$progress", SqliteType.Real);
        var score = command.Parameters.Add("$score", SqliteType.Real);
        command.Prepare();
        var now = Utc(DateTime.UtcNow);
        foreach (var e in events)
        {
            id.Value = idPrefix + e.EventId;
            type.Value = StoredType(e);
            user.Value = e.UserId;
            song.Value = e.SongId;
            at.Value = Utc(e.OccurredAt);
            received.Value = now;
            progress.Value = (object?)e.Progress ?? DBNull.Value;
            score.Value = (object?)e.Score ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
