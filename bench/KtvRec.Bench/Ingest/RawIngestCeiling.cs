using System.Data.Common;
using System.Diagnostics;
using KtvRec.Domain.Events;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;

namespace KtvRec.Bench.Ingest;

/// <summary>
/// What the service's database engine alone can take: the same event rows, into a database built by the service's own
/// migrations (same table, same indexes), one transaction per request-sized group, from as many concurrent writers,
/// each on its own connection. No HTTP, JSON, validation or duplicate check.
/// </summary>
public abstract class RawIngestCeiling
{
    /// <summary>The column heading's name for it, e.g. "raw SQLite".</summary>
    public abstract string Name { get; }

    /// <summary>How a request's commit is made durable, the same in the service and in the ceiling.</summary>
    public abstract string Durability { get; }

    /// <summary>Creates the database with the venue's songs and users, which the events refer to.</summary>
    public async Task CreateAsync(SimulatedVenue venue)
    {
        await using var db = CreateContext();
        await KtvStore.MigrateAsync(db, CancellationToken.None);
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
            using var connection = OpenConnection();
            int index;
            while ((index = Interlocked.Increment(ref next)) < groups.Count)
                InsertGroup(connection, groups[index], idPrefix);
        })));
        return groups.Sum(g => g.Length) / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    protected abstract KtvDbContext CreateContext();

    protected abstract DbConnection OpenConnection();

    /// <summary>Inserts one request's events in one transaction and commits it.</summary>
    protected abstract void InsertGroup(DbConnection connection, SimulatedEvent[] events, string idPrefix);

    /// <summary>The event's type as the service stores it (the <see cref="EventType"/> name).</summary>
    protected static string StoredType(SimulatedEvent e) => Enum.Parse<EventType>(e.Type, ignoreCase: true).ToString();
}
