using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace KtvRec.Domain.Storage;

/// <summary>How every connection to the PostgreSQL store is set up.</summary>
public static class PostgresStore
{
    public static DbContextOptionsBuilder UseKtvPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString)
            .AddInterceptors(WriteLockInterceptor.Instance);

    public static DbContextOptions<PostgresKtvDbContext> Options(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgresKtvDbContext>();
        builder.UseKtvPostgres(connectionString);
        return builder.Options;
    }

    /// <summary>
    /// Creates the database the connection string names when the server has none of that name (empty: the migrations
    /// fill it). Hangfire's storage connects while the host is built, before the migrations run: without it, a fresh
    /// server costs half a minute of Hangfire's retries at every first start.
    /// </summary>
    public static void CreateDatabaseIfMissing(string connectionString)
    {
        using var db = new PostgresKtvDbContext(Options(connectionString));
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!creator.Exists()) creator.Create();
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            // Another node created it a moment ago.
        }
    }

    /// <summary>
    /// Write transactions take one cluster-wide advisory lock, as SQLite's IMMEDIATE transactions take the file's write
    /// lock: the read-then-insert of ingest and of the upserts (unseen users, repeated eventIds, new songs) stays
    /// race-free when several API nodes write at once. Snapshot reads (repeatable read) take no lock.
    /// </summary>
    private sealed class WriteLockInterceptor : DbTransactionInterceptor
    {
        public static readonly WriteLockInterceptor Instance = new();
        private const string Lock = "SELECT pg_advisory_xact_lock(7412001)";

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            if (IsWrite(result))
            {
                using var command = LockCommand(connection, result);
                command.ExecuteNonQuery();
            }
            return result;
        }

        public override async ValueTask<DbTransaction> TransactionStartedAsync(
            DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            if (IsWrite(result))
            {
                await using var command = LockCommand(connection, result);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return result;
        }

        private static bool IsWrite(DbTransaction transaction) =>
            transaction.IsolationLevel is not (IsolationLevel.RepeatableRead or IsolationLevel.Serializable or IsolationLevel.Snapshot);

        private static DbCommand LockCommand(DbConnection connection, DbTransaction transaction)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Lock;
            return command;
        }
    }
}
