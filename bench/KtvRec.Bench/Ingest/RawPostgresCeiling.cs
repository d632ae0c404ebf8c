using System.Data.Common;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;
using Npgsql;
using NpgsqlTypes;

namespace KtvRec.Bench.Ingest;

/// <summary>PostgreSQL alone: the events appended with Npgsql's binary COPY, as the service appends them.</summary>
public sealed class RawPostgresCeiling(string connectionString) : RawIngestCeiling
{
    private const string Copy = """
        COPY "Events" ("ClientEventId", "Type", "UserId", "SongId", "OccurredAt", "ReceivedAt", "Progress", "Score")
        FROM STDIN (FORMAT BINARY)
        """;

    public override string Name => "raw PostgreSQL";

    public override string Durability => "flushed to the write-ahead log at commit (synchronous_commit=on)";

    protected override KtvDbContext CreateContext() => new PostgresKtvDbContext(PostgresStore.Options(connectionString));

    protected override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    protected override void InsertGroup(DbConnection connection, SimulatedEvent[] events, string idPrefix)
    {
        var postgres = (NpgsqlConnection)connection;
        using var transaction = postgres.BeginTransaction();
        var now = DateTime.UtcNow;
        using (var importer = postgres.BeginBinaryImport(Copy))
        {
            foreach (var e in events)
            {
                importer.StartRow();
                importer.Write(idPrefix + e.EventId, NpgsqlDbType.Varchar);
                importer.Write(StoredType(e), NpgsqlDbType.Varchar);
                importer.Write(e.UserId, NpgsqlDbType.Varchar);
                importer.Write(e.SongId, NpgsqlDbType.Varchar);
                importer.Write(UtcDateTimeConverter.ToUtc(e.OccurredAt), NpgsqlDbType.TimestampTz);
                importer.Write(now, NpgsqlDbType.TimestampTz);
                if (e.Progress is { } progress) importer.Write(progress, NpgsqlDbType.Double); else importer.WriteNull();
                if (e.Score is { } score) importer.Write(score, NpgsqlDbType.Double); else importer.WriteNull();
            }
            importer.Complete();
        }
        transaction.Commit();
    }
}
