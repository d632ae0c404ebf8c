using KtvRec.Bench.Load;
using KtvRec.Bench.Report;

namespace KtvRec.Bench.Recommendations;

/// <summary>
/// GET /recommendations/{userId} against a running service with a trained model: one client at a time for latency,
/// then many at once for throughput, each next to the bare model scoring the same number of candidates.
/// </summary>
public static class RecommendationBench
{
    public const int Concurrency = 8;

    public static async Task<BenchSection> RunAsync(HttpClient http, string dataDirectory, int songs, int users, int candidates, string partsDirectory)
    {
        var userIds = Enumerable.Range(0, users).Select(i => $"u{i:D5}").ToList();
        Task Get(int index) => GetAsync(http, userIds[index * 7919 % users]);

        await LoadRunner.RunAsync(Concurrency, 300, Get);
        var sequential = await LoadRunner.RunAsync(1, 600, Get);
        var loaded = await LoadRunner.RunAsync(Concurrency, int.MaxValue, Get, TimeSpan.FromSeconds(20));

        using var ceiling = await BareScoringCeiling.LoadAsync(http, dataDirectory, Math.Min(candidates, songs));
        await ceiling.MeasureAsync(userIds, 100, 1);
        var bareSequential = await ceiling.MeasureAsync(userIds, 600, 1);
        var bareLoaded = await ceiling.MeasureAsync(userIds, 3000, Concurrency);

        var existing = File.Exists(Path.Combine(partsDirectory, "recommendations.json"))
            ? BenchSection.Load(Path.Combine(partsDirectory, "recommendations.json"))
            : null;
        var section = new SectionBuilder("recommendations", $"Recommendations: GET /recommendations/{{userId}}?count=20 vs the bare model ({users:N0} users, service on {ServiceDatabase.Name})",
            "catalog", "clients", "requests/s", "p50", "p95", "p99", "bare model p50", "bare model scores/s", "service / bare (throughput)");
        if (existing is not null)
        {
            foreach (var row in existing.Rows) section.Row([.. row]);
            foreach (var (name, value) in existing.Figures) section.Figure(name, value);
        }
        foreach (var (clients, service, bare) in new[] { (1, sequential, bareSequential), (Concurrency, loaded, bareLoaded) })
        {
            var key = $"songs{songs}_c{clients}";
            section.Row($"{songs:N0} songs", $"{clients}", Format.Rate(service.PerSecond), Format.Ms(service.P50), Format.Ms(service.P95), Format.Ms(service.P99),
                    Format.Ms(bare.P50), Format.Rate(bare.PerSecond), Format.Ratio(service.PerSecond / bare.PerSecond))
                .Figure($"{key}_requests_per_sec", service.PerSecond).Figure($"{key}_p50_ms", service.P50)
                .Figure($"{key}_p95_ms", service.P95).Figure($"{key}_p99_ms", service.P99).Figure($"{key}_failed", service.Failures)
                .Figure($"{key}_bare_p50_ms", bare.P50).Figure($"{key}_bare_per_sec", bare.PerSecond);
        }
        return section
            .Note($"The service ranks up to {candidates} candidates (the user's songs, similar songs, popular songs) with the served DeepFM; the bare model scores the same number of songs (feature encoding included) with no HTTP, database or ranking.")
            .Build();
    }

    private static async Task GetAsync(HttpClient http, string userId)
    {
        using var response = await http.GetAsync($"/recommendations/{userId}?count=20");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
