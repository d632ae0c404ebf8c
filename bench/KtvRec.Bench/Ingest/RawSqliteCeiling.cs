using System.Diagnostics;
using System.Globalization;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;
using Microsoft.Data.Sqlite;

namespace KtvRec.Bench.Ingest;

/// <summary>
/// What SQLite alone can take: the same event rows inserted with Microsoft.Data.Sqlite into a database built by the
/// service's own migrations (same table, same indexes), WAL and synchronous=FULL, one IMMEDIATE transaction per
/// request-sized group, from the same number of concurrent writers. No HTTP, JSON, validation or duplicate check.
/// </summary>
public sealed class RawSqliteCeiling(string directory)
{
    private const string Insert = """
        INSERT INTO Events (ClientEventId, Type, UserId, SongId, SessionId, OccurredAt, ReceivedAt, Progress, Score)
        VALUES ($id, $type, $user, $song, NULL, $at, $received, $progress, $score)
        """;

    /// <summary>Creates the database with the venue's songs and users, which the events refer to.</summary>
    public async Task CreateAsync(SimulatedVenue venue)
    {
        Directory.CreateDirectory(directory);
        await using var db = new KtvDbContext(SqliteStore.Options(directory));
        await SqliteStore.MigrateAsync(db, CancellationToken.None);
        var snapshot = venue.ToSnapshot();
        db.Songs.AddRange(snapshot.Songs);
        db.Users.AddRange(snapshot.Users);
        await db.SaveChangesAsync();
    }

    /// <returns>Events per second.</returns>
    public async Task<double> MeasureAsync(IReadOnlyList<SimulatedEvent[]> groups, int concurrency, string idPrefix)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() =>
        {
            using var connection = new SqliteConnection(SqliteStore.ConnectionString(directory));
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=FULL;";
                pragma.ExecuteNonQuery();
            }
            int index;
            while ((index = Interlocked.Increment(ref next)) < groups.Count)
                InsertGroup(connection, groups[index], idPrefix);
        })));
        return groups.Sum(g => g.Length) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void InsertGroup(SqliteConnection connection, SimulatedEvent[] events, string idPrefix)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
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
            type.Value = char.ToUpperInvariant(e.Type[0]) + e.Type[1..];
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
