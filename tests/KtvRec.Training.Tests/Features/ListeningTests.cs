using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Training.Tests.Features;

/// <summary>
/// "Enjoyed" means one thing: the database's query (serving's popularity and history at start-up), the in-memory test
/// (serving's history as events arrive) and the labels training and evaluation read pick out the same events.
/// </summary>
public sealed class ListeningTests : IDisposable
{
    private static readonly DateTime Evening = new(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc);
    private readonly DataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task TheDatabaseServingAndTrainingAgreeOnWhichEventsWereEnjoyed()
    {
        // Every kind of event, scores on both sides of the line, each its own user and song.
        var events = Enum.GetValues<EventType>()
            .SelectMany(type => new double?[] { null, 0, Listening.HighScore - 0.1, Listening.HighScore, 100 }.Select(score => (type, score)))
            .Select((e, i) => new PlayEvent
            {
                ClientEventId = $"e{i}", Type = e.type, UserId = $"u{i}", SongId = $"s{i}", OccurredAt = Evening.AddMinutes(i),
                ReceivedAt = Evening.AddMinutes(i), Score = e.score, Progress = 0.9,
            }).ToList();
        var inMemory = events.Where(e => Listening.IsEnjoyed(e.Type, e.Score)).Select(e => e.SongId).Order(StringComparer.Ordinal).ToList();

        await using (var db = new KtvDbContext(SqliteStore.Options(_data.Path)))
        {
            await SqliteStore.MigrateAsync(db, CancellationToken.None);
            db.Users.AddRange(events.Select(e => new User { Id = e.UserId }));
            db.Songs.AddRange(events.Select(e => new Song { Id = e.SongId, Title = e.SongId, Artist = "a", Language = "en", Genre = "pop" }));
            db.Events.AddRange(events);
            await db.SaveChangesAsync();
        }
        await using var reader = new KtvDbContext(SqliteStore.Options(_data.Path));
        var inDatabase = (await reader.Events.Where(Listening.Enjoyed).Select(e => e.SongId).ToListAsync()).Order(StringComparer.Ordinal).ToList();
        var labels = Interactions.From(new VenueSnapshot([], [], [], events.ConvertAll(VenueEvent.From)))
            .Where(i => i.Enjoyed).Select(i => i.SongId).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            events.Where(e => e.Type is EventType.Complete or EventType.Like or EventType.Favorite || (e.Type == EventType.Score && e.Score >= 70))
                .Select(e => e.SongId).Order(StringComparer.Ordinal),
            inMemory);
        Assert.Equal(inMemory, inDatabase);
        Assert.Equal(inMemory, labels);
    }
}
