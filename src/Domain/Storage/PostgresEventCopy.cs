using KtvRec.Domain.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace KtvRec.Domain.Storage;

/// <summary>Appends events to PostgreSQL with binary COPY, inside the caller's transaction.</summary>
internal static class PostgresEventCopy
{
    private const string Copy = """
        COPY "Events" ("ClientEventId", "Type", "UserId", "SongId", "SessionId", "OccurredAt", "ReceivedAt", "Progress", "Score", "RecommendationId")
        FROM STDIN (FORMAT BINARY)
        """;

    public static async Task CopyAsync(KtvDbContext db, IReadOnlyCollection<PlayEvent> events, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Events are inserted inside the ingest transaction.");
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var e in events)
        {
            await importer.StartRowAsync(cancellationToken);
            await WriteAsync(importer, e.ClientEventId, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(e.Type.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(e.UserId, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(e.SongId, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(importer, e.SessionId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(UtcDateTimeConverter.ToUtc(e.OccurredAt), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(UtcDateTimeConverter.ToUtc(e.ReceivedAt), NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteAsync(importer, e.Progress, NpgsqlDbType.Double, cancellationToken);
            await WriteAsync(importer, e.Score, NpgsqlDbType.Double, cancellationToken);
            await WriteAsync(importer, e.RecommendationId, NpgsqlDbType.Varchar, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
}
