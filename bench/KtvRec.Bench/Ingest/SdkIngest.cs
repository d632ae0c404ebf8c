using System.Diagnostics;
using KtvRec.Client;
using KtvRec.Client.Models;
using KtvRec.Client.Outbox;
using KtvRec.Domain.Simulation;

namespace KtvRec.Bench.Ingest;

/// <summary>
/// The same events through the client SDK's outbox (one jukebox, batches of 1,000): from the first event tracked to
/// the last one acknowledged by the service, each batch written to the outbox's SQLite file (fsynced) before it is sent.
/// </summary>
public static class SdkIngest
{
    public static async Task<double> EventsPerSecondAsync(HttpClient http, IReadOnlyList<SimulatedEvent[]> batches, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"outbox-{Guid.NewGuid():N}.db");
        var events = batches.Select(batch => batch.Select(ToPlayEvent).ToList()).ToList();
        await using var jukebox = Jukebox.Open(new KtvRecClient(http), new JukeboxOptions
        {
            Client = new KtvRecClientOptions { BaseAddress = http.BaseAddress! },
            Outbox = new OutboxOptions { Path = path, BatchSize = KtvRecClient.MaxEventsPerBatch },
        });
        var clock = Stopwatch.StartNew();
        foreach (var batch in events) jukebox.Track(batch);
        if (!await jukebox.FlushAsync(TimeSpan.FromMinutes(5)) || jukebox.Metrics.DeadLettered > 0)
            throw new InvalidOperationException($"The SDK did not deliver: {jukebox.Pending} waiting, {jukebox.Metrics.DeadLettered} dead-lettered, last error {jukebox.DeliveryError}");
        return events.Sum(batch => batch.Count) / clock.Elapsed.TotalSeconds;
    }

    private static PlayEvent ToPlayEvent(SimulatedEvent e) => new(
        Enum.Parse<EventType>(e.Type, ignoreCase: true), e.UserId, e.SongId, Timestamp: new DateTimeOffset(e.OccurredAt, TimeSpan.Zero),
        Progress: e.Progress, Score: e.Score, EventId: $"sdk-{e.EventId}");
}
