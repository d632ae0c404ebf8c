using System.Diagnostics;
using System.Net.Http.Json;
using KtvRec.Bench.Report;
using KtvRec.Bench.Service;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Bench.Scale;

/// <summary>
/// The hourly incremental retrain beside a full one, on the same data, in one run: a service on a venue with a model
/// serving (SQLite) is sent the venue's last 24 hours of events again through POST /events, squeezed into the hour
/// after the model's data (a chain's hour: ~30,000 events; the ingest rate is measured on the way), then asked for an
/// incremental retrain and then a full one. Each run's time from the request to its outcome, its rows, its peak
/// resident memory and its gate users' NDCG@20 are reported; both are judged on the same held-out users.
/// </summary>
public static class IncrementalBench
{
    private const int BatchSize = 1_000;

    public static async Task<BenchSection> RunAsync(HttpClient http, string dataDirectory)
    {
        var serving = await http.GetFromJsonAsync<RetrainRun>("/models/current")
            ?? throw new InvalidOperationException("No model serves: the incremental retrain grows the serving model.");
        var dataTo = serving.DataTo ?? throw new InvalidOperationException($"Model {serving.Version} has no data.");
        var hour = await LastDayAsHourAsync(dataDirectory, dataTo);

        var clock = Stopwatch.StartNew();
        foreach (var chunk in hour.Chunk(BatchSize))
        {
            var response = await http.PostAsJsonAsync("/events", new { events = chunk }, ServiceJson.Options);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var ingestSeconds = clock.Elapsed.TotalSeconds;
        var incremental = await Retrains.RunAsync(http, incremental: true);
        var full = await Retrains.RunAsync(http, incremental: false);

        var section = new SectionBuilder("incremental", "Incremental retrain beside a full one, after an hour of new events",
            "run", "rows", "request to outcome", "peak resident memory", "gate users' NDCG@20 (without the ranker)", "outcome");
        foreach (var (name, key, run) in new[] { ("incremental, from the serving model", "incremental", incremental), ("full, from scratch", "full", full) })
        {
            section.Row(name, $"{run.TrainRows:N0}", $"{run.Seconds:F0} s", $"{run.Metric("peak_memory_mb"):F0} MB",
                    $"{run.Metric("ndcg@20"):F4} ({run.Metric("without_model_ndcg@20"):F4})", run.Status)
                .Figure($"{key}_seconds", run.Seconds).Figure($"{key}_peak_mb", run.Metric("peak_memory_mb"))
                .Figure($"{key}_ndcg", run.Metric("ndcg@20")).Figure($"{key}_rows", run.TrainRows);
        }
        return section
            .Figure("events", hour.Count).Figure("ingest_events_per_second", hour.Count / ingestSeconds)
            .Figure("incremental_over_full_seconds", incremental.Seconds / full.Seconds)
            .Note($"The venue's last 24 hours of events ({hour.Count:N0}) sent again through POST /events in batches of {BatchSize:N0}, " +
                  $"squeezed into the hour after model {serving.Version}'s data: {hour.Count / ingestSeconds:N0} events/s from one client. " +
                  $"The incremental run took {incremental.Seconds / full.Seconds:P0} of the full run's time ({incremental.Reason}).")
            .Build();
    }

    /// <summary>The 24 hours of events before <paramref name="dataTo"/>, as a jukebox would send them, moved into the hour after it.</summary>
    private static async Task<List<object>> LastDayAsHourAsync(string dataDirectory, DateTime dataTo)
    {
        await using var db = new KtvDbContext(SqliteStore.Options(dataDirectory));
        var from = dataTo.AddDays(-1);
        var events = await db.Events.AsNoTracking().Where(e => e.OccurredAt > from).OrderBy(e => e.OccurredAt)
            .Select(e => new { e.Id, e.Type, e.UserId, e.SongId, e.OccurredAt, e.Progress, e.Score }).ToListAsync();
        return events.Select(e => (object)new
        {
            eventId = $"hour-{e.Id}", type = e.Type, userId = e.UserId, songId = e.SongId,
            timestamp = dataTo.AddSeconds(1) + (e.OccurredAt - from) / 24, progress = e.Progress, score = e.Score,
        }).ToList();
    }
}
