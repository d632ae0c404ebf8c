using System.Diagnostics;
using KtvRec.Domain.Events;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Bench.Scale;

/// <summary>
/// A chain's history written straight into a service's SQLite database (through the API, 10 million events would take
/// hours here): 200,000 songs, 1,000,000 members, and events over the last 180 days, songs and singers skewed as in a
/// venue (a few sing often, most rarely). Each call adds events up to the total asked for, so one database grows from
/// one size to the next.
/// </summary>
public static class ChainHistory
{
    public const int Songs = 200_000;
    public const int Users = 1_000_000;
    private const int Days = 180;
    private const int Batch = 200_000;
    private static readonly string[] Languages = ["Mandarin", "Cantonese", "English", "Japanese", "Korean"];
    private static readonly string[] Genres = ["Pop", "Rock", "Ballad", "R&B", "Folk", "Hip-hop"];

    public static async Task GrowAsync(string dataDirectory, long events)
    {
        Directory.CreateDirectory(dataDirectory);
        await using var db = new KtvDbContext(SqliteStore.Options(dataDirectory));
        await KtvStore.MigrateAsync(db, CancellationToken.None);
        // One connection for the whole run, with a page cache large enough for the indexes: rows go in at random
        // places of them (users, songs and times are random), and with SQLite's default 2 MB cache every insert reads
        // pages from disk. Each batch is committed without waiting for the disk: a generator, not ingest.
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000000; PRAGMA synchronous = OFF;");
        var now = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        if (!await db.Songs.AnyAsync()) await AddCatalogAndMembersAsync(db, now);

        var stored = await db.Events.LongCountAsync();
        var random = new Random((int)(stored % int.MaxValue) + 17);
        while (stored < events)
        {
            var count = (int)Math.Min(Batch, events - stored);
            var batch = new List<PlayEvent>(count);
            for (var i = 0; i < count; i++) batch.Add(NextEvent(random, now));
            await using var transaction = await db.Database.BeginTransactionAsync();
            await EventInserter.InsertAsync(db, batch, CancellationToken.None);
            await transaction.CommitAsync();
            stored += count;
        }
        Console.WriteLine($"{dataDirectory}: {stored:N0} events stored ({clock.Elapsed.TotalSeconds:F0} s)");
    }

    private static async Task AddCatalogAndMembersAsync(KtvDbContext db, DateTime now)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var start = 0; start < Songs; start += 50_000)
        {
            db.Songs.AddRange(Enumerable.Range(start, 50_000).Select(i => new Song
            {
                Id = SongId(i), Title = $"Song {i}", Artist = $"Artist {i % 20_000}", Language = Languages[i % Languages.Length],
                Genre = Genres[i / Languages.Length % Genres.Length], ReleaseYear = 1960 + i % 66, CreatedAt = now,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        for (var start = 0; start < Users; start += 50_000)
        {
            db.Users.AddRange(Enumerable.Range(start, 50_000).Select(i => new User
            {
                Id = UserId(i), PreferredLanguages = [Languages[i % Languages.Length]], CreatedAt = now, UpdatedAt = now,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    private static PlayEvent NextEvent(Random random, DateTime now)
    {
        // Squares of uniform draws: low indexes (regulars, hits) come up far more often than high ones.
        var user = (int)(Users * Math.Pow(random.NextDouble(), 2));
        var song = (int)(Songs * Math.Pow(random.NextDouble(), 3));
        var kind = random.Next(10);
        var at = now.AddSeconds(-random.NextDouble() * Days * 86_400);
        return new PlayEvent
        {
            Type = kind < 6 ? EventType.Play : kind < 9 ? EventType.Complete : EventType.Skip,
            UserId = UserId(user), SongId = SongId(song), OccurredAt = at, ReceivedAt = at,
            Progress = kind == 9 ? 0.2 : null,
        };
    }

    public static string UserId(int index) => $"m{index:D7}";

    public static string SongId(int index) => $"s{index:D6}";
}
