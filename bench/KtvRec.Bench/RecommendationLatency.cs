using System.Diagnostics;

namespace KtvRec.Bench;

/// <summary>Latency of GET /recommendations/{userId}?count=20, one request at a time, over the simulated users.</summary>
public static class RecommendationLatency
{
    public static async Task<string> RunAsync(HttpClient http, int requests, int users)
    {
        for (var i = 0; i < 50; i++) await GetAsync(http, $"u{i % users:D5}");

        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++) latencies.Add(await GetAsync(http, $"u{i * 7 % users:D5}"));
        return Latency.Line("recommendations", latencies, 1, "requests");
    }

    private static async Task<double> GetAsync(HttpClient http, string user)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync($"/recommendations/{user}?count=20");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
