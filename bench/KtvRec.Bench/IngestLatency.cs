using System.Diagnostics;
using System.Net.Http.Json;
using KtvRec.Domain.Simulation;

namespace KtvRec.Bench;

/// <summary>Latency of POST /events for single events and for 1,000-event batches, one request at a time.</summary>
public sealed class IngestLatency(HttpClient http)
{
    private const int BatchSize = 1000;
    private readonly SimulatedVenue _venue = VenueSimulator.Generate(new SimulationOptions
    {
        Seed = 11, Songs = 2000, Artists = 200, Users = 500, Sessions = 3000,
        EndDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
    });

    public async Task PrepareCatalogAsync()
    {
        var songs = _venue.Songs.Select(s => new
        {
            id = s.Id, title = s.Title, artist = s.Artist, language = s.Language, genre = s.Genre,
            releaseYear = s.ReleaseYear, durationSeconds = s.DurationSeconds, tags = s.Tags,
        });
        (await http.PostAsJsonAsync("/songs/batch", songs)).EnsureSuccessStatusCode();
    }

    public async Task<string> RunAsync(int singles, int batches)
    {
        var events = _venue.Events.Select(e => new
        {
            eventId = $"bench-{Guid.NewGuid():N}", type = e.Type, userId = e.UserId, songId = e.SongId,
            timestamp = e.OccurredAt, progress = e.Progress, score = e.Score,
        }).ToArray();
        if (events.Length < singles + batches * BatchSize)
            throw new InvalidOperationException($"The simulated venue has only {events.Length} events.");

        // Warm up connections, JIT and SQLite's page cache before measuring.
        for (var i = 0; i < 50; i++) await PostAsync(events[i]);

        var single = new List<double>(singles);
        for (var i = 0; i < singles; i++) single.Add(await PostAsync(events[50 + i]));

        var batch = new List<double>(batches);
        for (var i = 0; i < batches; i++)
            batch.Add(await PostAsync(new { events = events.Skip(singles + 50 + i * BatchSize).Take(BatchSize) }));

        return string.Join(Environment.NewLine,
            Latency.Line("single event", single, 1, "events"),
            Latency.Line($"batch of {BatchSize}", batch, BatchSize, "events"));
    }

    private async Task<double> PostAsync(object body)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("/events", body);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
