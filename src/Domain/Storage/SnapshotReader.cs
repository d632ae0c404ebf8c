using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Domain.Storage;

public static class SnapshotReader
{
    /// <summary>
    /// Reads users, songs, sessions and events inside one read transaction: in WAL mode that is one consistent
    /// snapshot, and it never blocks the ingest that keeps writing meanwhile.
    /// </summary>
    public static async Task<VenueSnapshot> ReadAsync(KtvDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Deferred, unlike EF's default IMMEDIATE: a read transaction that takes no write lock.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var songs = await db.Songs.AsNoTracking().ToListAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Members).ToListAsync(cancellationToken);
        var events = await db.Events.AsNoTracking().OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        await db.Database.UseTransactionAsync(null, cancellationToken);
        return new VenueSnapshot(users, songs, sessions, events);
    }
}
