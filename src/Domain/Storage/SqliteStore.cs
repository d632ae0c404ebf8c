using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KtvRec.Domain.Storage;

/// <summary>Where the venue's SQLite database lives and how every connection to it is set up.</summary>
public static class SqliteStore
{
    public const string DatabaseFileName = "ktvrec.db";

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, DatabaseFileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // Waits this long on a locked database before giving up (Microsoft.Data.Sqlite retries while busy).
        DefaultTimeout = 30,
    }.ToString();

    public static DbContextOptionsBuilder UseKtvSqlite(this DbContextOptionsBuilder options, string dataDirectory) =>
        options
            .UseSqlite(ConnectionString(dataDirectory))
            .AddInterceptors(SynchronousFullInterceptor.Instance);

    public static DbContextOptions<KtvDbContext> Options(string dataDirectory)
    {
        var builder = new DbContextOptionsBuilder<KtvDbContext>();
        builder.UseKtvSqlite(dataDirectory);
        return builder.Options;
    }

    /// <summary>Applies the migrations and switches the file to WAL, so readers never block the writer.</summary>
    public static async Task MigrateAsync(KtvDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// synchronous=FULL makes every commit reach the disk before it returns: an acknowledged event
    /// survives a killed process and a power cut alike.
    /// </summary>
    private sealed class SynchronousFullInterceptor : DbConnectionInterceptor
    {
        public static readonly SynchronousFullInterceptor Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            SetPragmas(connection);

        public override Task ConnectionOpenedAsync(
            DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            SetPragmas(connection);
            return Task.CompletedTask;
        }

        private static void SetPragmas(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            // busy_timeout: SQLite's own wait for the write lock, in short sleeps; Microsoft.Data.Sqlite's retry sleeps 150 ms.
            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            command.ExecuteNonQuery();
        }
    }
}
