using KtvRec.Domain.Events;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KtvRec.Domain.Storage;

/// <summary>
/// Appends events with one prepared INSERT reused for every row, inside the caller's transaction. Ingest is the hot
/// write path: EF's change tracking and per-row command building cost several times the insert itself.
/// Values are bound exactly as EF stores them (enum names, UTC times as ISO text in SQLite), so EF reads them back
/// unchanged. PostgreSQL gets the rows through binary COPY, its fastest way in.
/// </summary>
public static class EventInserter
{
    private const string Insert = """
        INSERT INTO Events (ClientEventId, Type, UserId, SongId, SessionId, OccurredAt, ReceivedAt, Progress, Score, RecommendationId)
        VALUES ($clientEventId, $type, $userId, $songId, $sessionId, $occurredAt, $receivedAt, $progress, $score, $recommendationId)
        """;

    public static async Task InsertAsync(KtvDbContext db, IReadOnlyCollection<PlayEvent> events, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await PostgresEventCopy.CopyAsync(db, events, cancellationToken);
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction
            ?? throw new InvalidOperationException("Events are inserted inside the ingest transaction.");
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        var clientEventId = command.Parameters.Add("$clientEventId", SqliteType.Text);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var userId = command.Parameters.Add("$userId", SqliteType.Text);
        var songId = command.Parameters.Add("$songId", SqliteType.Text);
        var sessionId = command.Parameters.Add("$sessionId", SqliteType.Text);
        var occurredAt = command.Parameters.Add("$occurredAt", SqliteType.Text);
        var receivedAt = command.Parameters.Add("$receivedAt", SqliteType.Text);
        var progress = command.Parameters.Add("$progress", SqliteType.Real);
        var score = command.Parameters.Add("$score", SqliteType.Real);
        var recommendationId = command.Parameters.Add("$recommendationId", SqliteType.Text);
        command.Prepare();

        foreach (var e in events)
        {
            clientEventId.Value = (object?)e.ClientEventId ?? DBNull.Value;
            type.Value = e.Type.ToString();
            userId.Value = e.UserId;
            songId.Value = e.SongId;
            sessionId.Value = (object?)e.SessionId ?? DBNull.Value;
            occurredAt.Value = Utc(e.OccurredAt);
            receivedAt.Value = Utc(e.ReceivedAt);
            progress.Value = (object?)e.Progress ?? DBNull.Value;
            score.Value = (object?)e.Score ?? DBNull.Value;
            recommendationId.Value = (object?)e.RecommendationId ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The text EF Core's SQLite provider writes for a DateTime.</summary>
    private static string Utc(DateTime time) =>
        UtcDateTimeConverter.ToUtc(time).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
}
