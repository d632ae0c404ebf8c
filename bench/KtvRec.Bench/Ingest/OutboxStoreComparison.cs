using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KtvRec.Client.Models;
using KtvRec.Client.Outbox;

namespace KtvRec.Bench.Ingest;

/// <summary>
/// The client outbox's store against the simplest durable alternative: its SQLite file (WAL, synchronous=FULL) and an
/// append-only file fsynced per write, taking the same events one per write and 1,000 per write.
/// </summary>
public static class OutboxStoreComparison
{
    public static (double Sqlite, double File) EventsPerSecond(string directory, int perWrite, int total)
    {
        Directory.CreateDirectory(directory);
        var events = Enumerable.Range(0, total)
            .Select(i => new PlayEvent(EventType.Play, $"u{i % 50}", $"s{i % 300}", $"room{i % 8}", DateTimeOffset.UtcNow, EventId: $"store-{perWrite}-{i}")).ToList();

        double sqlite;
        using (var outbox = new EventOutbox(Path.Combine(directory, $"outbox-{perWrite}-{Guid.NewGuid():N}.db")))
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < total; i += perWrite) outbox.Add(events.GetRange(i, perWrite));
            sqlite = total / clock.Elapsed.TotalSeconds;
        }
        using var file = new FileStream(Path.Combine(directory, $"outbox-{perWrite}-{Guid.NewGuid():N}.log"), FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        var fileClock = Stopwatch.StartNew();
        for (var i = 0; i < total; i += perWrite)
        {
            var lines = new StringBuilder();
            foreach (var e in events.GetRange(i, perWrite)) lines.Append(JsonSerializer.Serialize(e)).Append('\n');
            file.Write(Encoding.UTF8.GetBytes(lines.ToString()));
            file.Flush(flushToDisk: true);
        }
        return (sqlite, total / fileClock.Elapsed.TotalSeconds);
    }
}
