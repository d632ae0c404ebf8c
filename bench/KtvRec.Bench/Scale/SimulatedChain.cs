using System.Diagnostics;
using System.Text.Json;
using KtvRec.Bench.Service;
using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;
using static KtvRec.Bench.Scale.ScaleBench;

namespace KtvRec.Bench.Scale;

/// <summary>
/// A chain's simulated history (the demo's simulator: tastes, circles of friends, sessions song by song, so a model has
/// something to learn) written straight into a service's SQLite database, except its newest events: those are written
/// to two files of POST /events bodies for the scale bench to send through the API, the ingest part (measured) and
/// then the last hour's part (what an incremental retrain learns). Through the API, ten million events would take
/// hours here.
/// </summary>
public static class SimulatedChain
{
    private const int RowBatch = 50_000;
    private const int EventBatch = 200_000;

    public static string IngestFile(string dataDirectory) => dataDirectory + ".ingest.json";

    public static string HourFile(string dataDirectory) => dataDirectory + ".hour.json";

    public static async Task WriteAsync(string dataDirectory, SimulationOptions options, int ingestEvents, int hourEvents)
    {
        var clock = Stopwatch.StartNew();
        var venue = VenueSimulator.Generate(options);
        Console.WriteLine($"Simulated {venue.Songs.Count:N0} songs, {venue.Users.Count:N0} users, {venue.Sessions.Count:N0} sessions, " +
                          $"{venue.Events.Count:N0} events ({clock.Elapsed.TotalSeconds:F0} s)");
        var stored = Math.Max(0, venue.Events.Count - ingestEvents - hourEvents);
        var ingest = Math.Min(ingestEvents, venue.Events.Count - stored);

        Directory.CreateDirectory(dataDirectory);
        await using var db = new KtvDbContext(SqliteStore.Options(dataDirectory));
        await KtvStore.MigrateAsync(db, CancellationToken.None);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000000; PRAGMA synchronous = OFF;");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var start = venue.Events[0].OccurredAt;
        await AddRowsAsync(db, venue.Songs.Select(s => new Song
        {
            Id = s.Id, Title = s.Title, Artist = s.Artist, Language = s.Language, Genre = s.Genre, ReleaseYear = s.ReleaseYear,
            DurationSeconds = s.DurationSeconds, Tags = s.Tags.ToList(), CreatedAt = start, UpdatedAt = start,
        }));
        await AddRowsAsync(db, venue.Users.Select((u, i) => new User
        {
            Id = u.Id, BirthYear = u.BirthYear, Gender = u.Gender, Region = u.Region,
            PreferredLanguages = u.PreferredLanguages.ToList(), CreatedAt = start, UpdatedAt = start, ProfileRevision = i + 1,
        }));
        await AddRowsAsync(db, venue.Sessions.Select(s => new RoomSession
        {
            Id = s.Id, Room = s.Room, StartedAt = s.StartedAt, EndedAt = s.EndedAt,
            Members = s.UserIds.Select(u => new RoomSessionMember { SessionId = s.Id, UserId = u }).ToList(),
        }));

        for (var from = 0; from < stored; from += EventBatch)
        {
            var batch = venue.Events.Skip(from).Take(Math.Min(EventBatch, stored - from)).Select(Stored).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await EventInserter.InsertAsync(db, batch, CancellationToken.None);
            await transaction.CommitAsync();
        }
        await WriteBodiesAsync(IngestFile(dataDirectory), venue.Events.Skip(stored).Take(ingest));
        await WriteBodiesAsync(HourFile(dataDirectory), venue.Events.Skip(stored + ingest));
        Console.WriteLine($"{dataDirectory}: {stored:N0} events stored, {ingest:N0} to send, then " +
                          $"{venue.Events.Count - stored - ingest:N0} for the last hour ({clock.Elapsed.TotalSeconds:F0} s)");
    }

    private static async Task AddRowsAsync<T>(KtvDbContext db, IEnumerable<T> rows) where T : class
    {
        foreach (var chunk in rows.Chunk(RowBatch))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static PlayEvent Stored(SimulatedEvent e) => new()
    {
        ClientEventId = e.EventId, Type = Enum.Parse<EventType>(e.Type, ignoreCase: true), UserId = e.UserId, SongId = e.SongId,
        SessionId = e.SessionId, OccurredAt = e.OccurredAt, ReceivedAt = e.OccurredAt, Progress = e.Progress, Score = e.Score,
    };

    /// <summary>The events as a jukebox sends them, in POST /events bodies of <see cref="BatchSize"/>.</summary>
    private static async Task WriteBodiesAsync(string path, IEnumerable<SimulatedEvent> events)
    {
        var bodies = events.Chunk(BatchSize).Select(chunk => new
        {
            events = chunk.Select(e => new
            {
                eventId = e.EventId, type = Enum.Parse<EventType>(e.Type, ignoreCase: true), userId = e.UserId, songId = e.SongId,
                sessionId = e.SessionId, timestamp = e.OccurredAt, progress = e.Progress, score = e.Score,
            }),
        });
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, bodies, ServiceJson.Options);
    }
}
