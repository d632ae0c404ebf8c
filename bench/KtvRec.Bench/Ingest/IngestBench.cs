using KtvRec.Bench.Load;
using KtvRec.Bench.Report;
using Npgsql;

namespace KtvRec.Bench.Ingest;

/// <summary>
/// POST /events over loopback at several request sizes and concurrencies, each next to the service's engine alone (raw
/// SQLite, or raw PostgreSQL when the service runs on it) taking the same rows in transactions of the same size from as
/// many writers.
/// </summary>
public static class IngestBench
{
    private static readonly (string Name, int Size, int Concurrency, int Requests)[] Cases =
    [
        ("single event", 1, 8, 3000),
        ("single event", 1, 32, 3000),
        ("batch of 100", 100, 1, 150),
        ("batch of 1,000", 1000, 1, 30),
        ("batch of 1,000", 1000, 4, 40),
    ];

    private const int SdkRounds = 3;
    private const int SdkBatches = 15;

    public static async Task<BenchSection> RunAsync(HttpClient http, string ceilingDirectory)
    {
        var workload = new IngestWorkload();
        await workload.PostCatalogAsync(http);
        var ceiling = Ceiling(ceilingDirectory);
        await ceiling.CreateAsync(workload.Venue);

        // Warm up connections, JIT and the database's caches before measuring.
        await PostAllAsync(http, workload.Take(200, 1), 8);
        await PostAllAsync(http, workload.Take(5, 1000), 1);

        var section = new SectionBuilder("ingest", $"Ingest: POST /events on loopback (service on {ServiceDatabase.Name}) vs {ceiling.Name}",
            "request", "concurrency", "events/s", "p50", "p99", $"{ceiling.Name} events/s", "service / raw");
        foreach (var (name, size, concurrency, requests) in Cases)
        {
            var bodies = workload.Take(requests, size);
            var result = await PostAllAsync(http, bodies, concurrency);
            var perSecond = result.PerSecond * size;
            var raw = await ceiling.MeasureAsync(bodies.Select(b => b.Events).ToList(), concurrency, $"{size}-{concurrency}-");
            var key = $"{(size == 1 ? "single" : $"batch{size}")}_c{concurrency}";
            section.Row(name, $"{concurrency}", Format.Rate(perSecond), Format.Ms(result.P50), Format.Ms(result.P99), Format.Rate(raw), Format.Ratio(perSecond / raw))
                .Figure($"{key}_events_per_sec", perSecond).Figure($"{key}_p50_ms", result.P50).Figure($"{key}_p99_ms", result.P99)
                .Figure($"{key}_raw_events_per_sec", raw).Figure($"{key}_failed", result.Failures);
            if (result.Failures > 0) section.Note($"{name} at concurrency {concurrency}: {result.Failures} failed requests.");
        }
        // The jukebox's way: the SDK's outbox, one client, batches of 1,000, beside plain HTTP batches of 1,000 from one
        // client, in alternating rounds (a second of each is too short to compare once on a shared machine).
        var (sdkSeconds, plainSeconds, sdkEvents) = (0.0, 0.0, 0);
        for (var round = 0; round < SdkRounds; round++)
        {
            var plain = await PostAllAsync(http, workload.Take(SdkBatches, 1000), 1);
            plainSeconds += SdkBatches / plain.PerSecond;
            var batches = workload.Take(SdkBatches, 1000).ConvertAll(b => b.Events);
            sdkSeconds += SdkBatches * 1000 / await SdkIngest.EventsPerSecondAsync(http, batches, Path.Combine(ceilingDirectory, "sdk"));
            sdkEvents += SdkBatches * 1000;
        }
        var (sdk, http1000) = (sdkEvents / sdkSeconds, sdkEvents / plainSeconds);
        section.Row("batch of 1,000 through the client SDK's outbox", "1", Format.Rate(sdk), "", "", $"HTTP {Format.Rate(http1000)}", $"SDK / HTTP {Format.Ratio(sdk / http1000)}")
            .Figure("sdk_batch1000_events_per_sec", sdk).Figure("sdk_http_batch1000_events_per_sec", http1000);
        foreach (var (perWrite, total) in new[] { (1, 2_000), (1000, 50_000) })
        {
            var (sqlite, file) = OutboxStoreComparison.EventsPerSecond(Path.Combine(ceilingDirectory, "outbox-store"), perWrite, total);
            section.Row($"the outbox's store alone, {(perWrite == 1 ? "one event" : "1,000 events")} per write", "1", Format.Rate(sqlite), "", "",
                    $"append-only file {Format.Rate(file)}", $"SQLite / file {Format.Ratio(sqlite / file)}")
                .Figure($"outbox_store_{perWrite}_sqlite_events_per_sec", sqlite).Figure($"outbox_store_{perWrite}_file_events_per_sec", file);
        }
        return section
            .Note("The outbox's store rows: the client outbox's SQLite file (WAL, synchronous=FULL) against an append-only file fsynced per write, the same events, no HTTP.")
            .Note($"The SDK's row: from the first event tracked to the last acknowledged, each batch fsynced into the outbox's SQLite file first; beside it, plain POST /events of the same size from one client (bodies serialized before timing); {SdkRounds} alternating rounds of {SdkBatches:N0} batches each. The jukebox, the service and the bench share this machine's cores.")
            .Note($"Each request is one commit, {ceiling.Durability}, in the service and in the raw ceiling; the service also validates, checks songs, users and duplicate eventIds.")
            .Build();
    }

    /// <summary>The engine the service runs on: a SQLite file in <paramref name="directory"/>, or a PostgreSQL database of its own beside the service's.</summary>
    private static RawIngestCeiling Ceiling(string directory)
    {
        if (ServiceDatabase.ConnectionString is not { } service) return new RawSqliteCeiling(directory);
        var raw = new NpgsqlConnectionStringBuilder(service);
        raw.Database += "_raw";
        return new RawPostgresCeiling(raw.ConnectionString);
    }

    private static Task<LoadResult> PostAllAsync(HttpClient http, List<(byte[] Body, Domain.Simulation.SimulatedEvent[] Events)> bodies, int concurrency) =>
        LoadRunner.RunAsync(concurrency, bodies.Count, async index =>
        {
            using var response = await http.PostAsync("/events", IngestWorkload.Body(bodies[index].Body));
            response.EnsureSuccessStatusCode();
        });
}
