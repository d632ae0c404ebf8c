using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KtvRec.Bench.Report;
using KtvRec.Bench.Service;
using KtvRec.Bench.Stability;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Bench.Scale;

/// <summary>
/// A chain on one node (<see cref="SimulatedChain"/>: by default 200,000 songs, 1,000,000 members, ~10 million events),
/// on a service started by bench/run.sh with no model yet: the held-back events sent through POST /events (ingest), a
/// full retrain with the service's defaults, the last hour's events sent and an incremental retrain, then
/// GET /recommendations at one and eight clients beside the HTTP ceiling (<see cref="ChainServing"/>), and the service's
/// resident memory while it serves. Each retrain's time is from the request to its outcome; its peak is the run's own figure (VmHWM).
/// </summary>
public static class ScaleBench
{
    public const int BatchSize = 1_000;
    public const string Id = "scale";

    public static async Task<BenchSection> RunAsync(HttpClient http, string dataDirectory, int serverPid, int users, double readySeconds)
    {
        var stored = await StoredEventsAsync(dataDirectory);
        var readyMb = ResidentMemory.MegabytesOf(serverPid);
        var (ingested, ingestSeconds) = await SendAsync(http, SimulatedChain.IngestFile(dataDirectory));
        var full = await Retrains.RunAsync(http, incremental: false);
        var (hour, _) = await SendAsync(http, SimulatedChain.HourFile(dataDirectory));
        var incremental = await Retrains.RunAsync(http, incremental: true);

        var serving = await ChainServing.MeasureAsync(http, dataDirectory, users);

        var section = new SectionBuilder(Id, "A chain on one node: ingest, full and incremental retrains, serving (SQLite)", "measure", "figure", "detail")
            .Row("start-up to ready, no model", $"{readySeconds:F1} s", $"{stored:N0} events stored; resident {readyMb:F0} MB when ready")
            .Row("ingest, POST /events, batches of 1,000, one client", $"{ingested / ingestSeconds:N0} events/s", $"{ingested:N0} events in {ingestSeconds:F0} s")
            .Figure("events_stored_at_start", stored).Figure("ready_seconds", readySeconds).Figure("ready_rss_mb", readyMb)
            .Figure("ingest_events", ingested).Figure("ingest_events_per_second", ingested / ingestSeconds).Figure("hour_events", hour);
        foreach (var (name, key, run) in new[] { ("full retrain, defaults", "full", full), ($"incremental retrain after {hour:N0} new events", "incremental", incremental) })
        {
            section.Row(name, $"{run.Seconds:F0} s",
                    $"{run.Status}; {run.TrainRows:N0} rows; peak {run.Metric("peak_memory_mb"):F0} MB; {run.Reason}")
                .Figure($"{key}_seconds", run.Seconds).Figure($"{key}_peak_mb", run.Metric("peak_memory_mb"))
                .Figure($"{key}_ndcg", run.Metric("ndcg@20")).Figure($"{key}_rows", run.TrainRows)
                .Figure($"{key}_activated", run.Status == "active" ? 1 : 0);
        }
        return (await ChainServing.AddRowsAsync(section, http, serving, serverPid))
            .Note("The chain is simulated (KtvRec.Bench scale-data) and written straight into SQLite except its newest events, " +
                  "which go through the API as above; the service runs with its defaults (Production, rate limit off, open).")
            .Build();
    }

    /// <summary>Start-up to ready again once every event is stored: a row added to the section the run above wrote.</summary>
    public static async Task<BenchSection> AddRestartAsync(string partsDirectory, string dataDirectory, double seconds, double residentMb)
    {
        var section = BenchSection.Load(Path.Combine(partsDirectory, $"{Id}.json"));
        var stored = await StoredEventsAsync(dataDirectory);
        var figures = new Dictionary<string, double>(section.Figures)
        {
            ["restart_events_stored"] = stored, ["restart_ready_seconds"] = Math.Round(seconds, 2), ["restart_ready_rss_mb"] = Math.Round(residentMb),
        };
        return section with
        {
            Rows = [.. section.Rows, ["start-up to ready, a model serving", $"{seconds:F1} s", $"{stored:N0} events stored; resident {residentMb:F0} MB when ready"]],
            Figures = figures,
        };
    }

    private static async Task<long> StoredEventsAsync(string dataDirectory)
    {
        await using var db = new KtvDbContext(SqliteStore.Options(dataDirectory));
        return await db.Events.LongCountAsync();
    }

    /// <summary>Every body of the file through POST /events, one after another: the events sent and the seconds it took.</summary>
    private static async Task<(int Events, double Seconds)> SendAsync(HttpClient http, string path)
    {
        List<JsonElement> bodies;
        await using (var file = File.OpenRead(path)) bodies = await JsonSerializer.DeserializeAsync<List<JsonElement>>(file) ?? [];
        var events = 0;
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            using var response = await http.PostAsync("/events", new StringContent(body.GetRawText(), Encoding.UTF8, "application/json"));
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /events: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            events += body.GetProperty("events").GetArrayLength();
        }
        return (events, clock.Elapsed.TotalSeconds);
    }
}
