using System.Diagnostics;
using System.Net.Http.Json;

namespace KtvRec.Bench.Service;

/// <summary>A training run as GET /models reports it, with how long it took from the request to its outcome.</summary>
public sealed record RetrainRun(
    string Version, string Status, DateTime? DataTo, int TrainRows, Dictionary<string, double> Metrics, string? Reason)
{
    public double Seconds { get; init; }

    public double Metric(string name) => Metrics.GetValueOrDefault(name, double.NaN);
}

/// <summary>Retrains of a running service, asked for over HTTP as an operator would.</summary>
public static class Retrains
{
    /// <summary>POST /admin/retrain (incremental or full), then GET /models until the new run has an outcome.</summary>
    public static async Task<RetrainRun> RunAsync(HttpClient http, bool incremental)
    {
        var before = (await RunsAsync(http)).Count;
        var clock = Stopwatch.StartNew();
        (await http.PostAsync($"/admin/retrain?incremental={incremental}", null)).EnsureSuccessStatusCode();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var runs = await RunsAsync(http);
            if (runs.Count > before && runs[0].Status != "training") return runs[0] with { Seconds = clock.Elapsed.TotalSeconds };
        }
    }

    private static async Task<List<RetrainRun>> RunsAsync(HttpClient http) => await http.GetFromJsonAsync<List<RetrainRun>>("/models?limit=500") ?? [];
}
