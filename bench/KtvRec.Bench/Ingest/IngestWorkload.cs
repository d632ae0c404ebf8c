using System.Net.Http.Headers;
using System.Text.Json;
using KtvRec.Domain.Simulation;

namespace KtvRec.Bench.Ingest;

/// <summary>A simulated venue's catalog and events, the events as the JSON bodies a jukebox client would post.</summary>
public sealed class IngestWorkload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SimulatedVenue _venue = VenueSimulator.Generate(new SimulationOptions
    {
        Seed = 11, Songs = 2000, Artists = 200, Users = 500, Sessions = 2_400,
        EndDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
    });
    private int _next;

    public SimulatedVenue Venue => _venue;

    public async Task PostCatalogAsync(HttpClient http)
    {
        var songs = _venue.Songs.Select(s => new
        {
            id = s.Id, title = s.Title, artist = s.Artist, language = s.Language, genre = s.Genre,
            releaseYear = s.ReleaseYear, durationSeconds = s.DurationSeconds, tags = s.Tags,
        });
        using var response = await http.PostAsync("/songs/batch", Body(songs));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The next <paramref name="requests"/> bodies of <paramref name="size"/> events each (a lone event when size is 1), serialized up front.</summary>
    public List<(byte[] Body, SimulatedEvent[] Events)> Take(int requests, int size)
    {
        if (_next + requests * size > _venue.Events.Count)
            throw new InvalidOperationException($"The simulated venue has only {_venue.Events.Count} events.");
        var bodies = new List<(byte[], SimulatedEvent[])>(requests);
        for (var i = 0; i < requests; i++, _next += size)
        {
            var events = _venue.Events.Skip(_next).Take(size).ToArray();
            var items = events.Select(e => new
            {
                eventId = $"bench-{e.EventId}", type = e.Type, userId = e.UserId, songId = e.SongId,
                timestamp = e.OccurredAt, progress = e.Progress, score = e.Score,
            }).ToArray();
            bodies.Add((size == 1 ? JsonSerializer.SerializeToUtf8Bytes(items[0], Json) : JsonSerializer.SerializeToUtf8Bytes(new { events = items }, Json), events));
        }
        return bodies;
    }

    public static ByteArrayContent Body(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static ByteArrayContent Body(object value) => Body(JsonSerializer.SerializeToUtf8Bytes(value, Json));
}
