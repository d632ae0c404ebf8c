using System.Text;
using KtvRec.Bench.Load;
using KtvRec.Bench.Report;

namespace KtvRec.Bench.Stability;

/// <summary>
/// Mixed load on a running demo service for <c>minutes</c> + 1 (the first, warm-up) with a model swap each
/// minute: recommendations from 4 clients as fast as they are answered, and events at a steady ~20 a second (a chain
/// of about a hundred venues at their evening peak), so the data grows as in service rather than several-fold. Reports
/// the server's resident memory and managed heap at start, after warm-up and at the end, and every failed request.
/// </summary>
public static class SoakBench
{
    private const int Songs = 3000;
    private const int Users = 300;

    public static async Task<BenchSection> RunAsync(HttpClient http, int serverProcessId, int minutes)
    {
        var atStart = ResidentMemory.MegabytesOf(serverProcessId);
        var heapAtStart = await ManagedHeapMegabytesAsync(http);
        // Warm-up is a minute like the others, a swap in it: what the first retrain allocates once (libtorch's thread
        // pools, the allocator's arenas) is not growth. Read as at the end, once that retrain has handed its memory back.
        var swapper = new ModelSwapper(http);
        var warmUp = MixedLoadAsync(http, TimeSpan.FromMinutes(1));
        await swapper.SwapAsync(TimeSpan.FromSeconds(55));
        await warmUp;
        var (afterWarmUp, heapAfterWarmUp) = await SettledAsync(http, swapper, serverProcessId);

        var peak = afterWarmUp;
        var load = MixedLoadAsync(http, TimeSpan.FromMinutes(minutes));
        for (var minute = 0; minute < minutes; minute++)
        {
            var started = DateTime.UtcNow;
            await swapper.SwapAsync(TimeSpan.FromSeconds(55));
            while (DateTime.UtcNow - started < TimeSpan.FromMinutes(1))
            {
                peak = Math.Max(peak, ResidentMemory.MegabytesOf(serverProcessId));
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
        var (recommendations, events) = await load;
        var (atEnd, heapAtEnd) = await SettledAsync(http, swapper, serverProcessId);
        var growth = atEnd / afterWarmUp - 1;

        return new SectionBuilder("stability", $"Stability: {minutes} minutes of mixed load with a model swap each minute",
                "measure", "value")
            .Row("resident memory (managed heap) at start, model loaded", $"{atStart:F0} MB ({heapAtStart:F0} MB)")
            .Row("after 1 minute of warm-up with a swap", $"{afterWarmUp:F0} MB ({heapAfterWarmUp:F0} MB)")
            .Row($"after {minutes} more minutes", $"{atEnd:F0} MB ({heapAtEnd:F0} MB); resident peak {peak:F0} MB")
            .Row("growth after warm-up", Format.Ratio(growth))
            .Row("model swaps (warm-up's included): retrains that passed the gate + rollbacks", $"{swapper.Swaps} ({swapper.Retrains} + {swapper.Rollbacks})")
            .Row("recommendations: requests, failed, p99", $"{recommendations.Requests:N0}, {recommendations.Failures}, {Format.Ms(recommendations.P99)}")
            .Row("single events posted: requests, failed", $"{events.Requests:N0}, {events.Failures}")
            .Figure("managed_start_mb", heapAtStart).Figure("managed_after_warmup_mb", heapAfterWarmUp).Figure("managed_end_mb", heapAtEnd)
            .Figure("rss_start_mb", atStart).Figure("rss_after_warmup_mb", afterWarmUp).Figure("rss_end_mb", atEnd).Figure("rss_peak_mb", peak)
            .Figure("rss_growth", growth).Figure("swaps", swapper.Swaps).Figure("retrains", swapper.Retrains).Figure("rollbacks", swapper.Rollbacks)
            .Figure("recommendations", recommendations.Requests).Figure("recommendations_failed", recommendations.Failures)
            .Figure("events", events.Requests).Figure("events_failed", events.Failures)
            .Note("Resident memory is the server process's VmRSS, libtorch's native memory included; both it after warm-up and at the end are read once no retrain is in flight, 10 s after the last one's outcome.")
            .Build();
    }

    /// <summary>
    /// Resident memory and managed heap with no training in flight (its tensors are not what the service keeps), 10 s
    /// after the last run's outcome: a run hands its memory back (a collection, malloc_trim) just after it is recorded.
    /// </summary>
    private static async Task<(double Resident, double Heap)> SettledAsync(HttpClient http, ModelSwapper swapper, int serverProcessId)
    {
        await swapper.WaitForTrainingAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(10));
        return (ResidentMemory.MegabytesOf(serverProcessId), await ManagedHeapMegabytesAsync(http));
    }

    /// <summary>The server's managed heap (prometheus-net's dotnet_total_memory_bytes), to tell it from native memory.</summary>
    private static async Task<double> ManagedHeapMegabytesAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("/metrics");
        var line = metrics.Split('\n').First(l => l.StartsWith("dotnet_total_memory_bytes ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024);
    }

    private static async Task<(LoadResult Recommendations, LoadResult Events)> MixedLoadAsync(HttpClient http, TimeSpan duration)
    {
        var random = new Random(7);
        var run = Guid.NewGuid().ToString("N")[..8];
        var recommendations = LoadRunner.RunAsync(4, int.MaxValue, async index =>
        {
            using var response = await http.GetAsync($"/recommendations/u{index * 7919 % Users:D5}?count=20");
            response.EnsureSuccessStatusCode();
        }, duration);
        var events = LoadRunner.RunAsync(2, int.MaxValue, async index =>
        {
            int song, user;
            lock (random) (song, user) = (random.Next(Songs), random.Next(Users));
            var type = (index % 3) switch { 0 => "play", 1 => "complete", _ => "skip" };
            var progress = type == "skip" ? ", \"progress\": 0.2" : "";
            var json = $$"""{"eventId":"soak-{{run}}-{{index}}","type":"{{type}}","userId":"u{{user:D5}}","songId":"s{{song:D5}}"{{progress}}}""";
            using var response = await http.PostAsync("/events", new StringContent(json, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            await Task.Delay(100);
        }, duration);
        return (await recommendations, await events);
    }
}
