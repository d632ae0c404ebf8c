using Microsoft.EntityFrameworkCore;

namespace KtvRec.Domain.Storage;

/// <summary>What the service and the trainer do the same way on either provider.</summary>
public static class KtvStore
{
    /// <summary>Applies the provider's migrations (and for SQLite, switches the file to WAL).</summary>
    public static Task MigrateAsync(KtvDbContext db, CancellationToken cancellationToken) =>
        db.Database.IsNpgsql() ? db.Database.MigrateAsync(cancellationToken) : SqliteStore.MigrateAsync(db, cancellationToken);

    /// <summary>A context on the given store: the SQLite file in <paramref name="dataDirectory"/>, or PostgreSQL.</summary>
    public static KtvDbContext Open(DatabaseProvider provider, string dataDirectory, string? connectionString) =>
        provider == DatabaseProvider.Postgres
            ? new PostgresKtvDbContext(PostgresStore.Options(connectionString ?? throw new ArgumentException("PostgreSQL needs a connection string.", nameof(connectionString))))
            : new KtvDbContext(SqliteStore.Options(dataDirectory));
}
