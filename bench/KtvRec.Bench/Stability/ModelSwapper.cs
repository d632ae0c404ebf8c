using System.Net.Http.Json;

namespace KtvRec.Bench.Stability;

/// <summary>
/// One hot swap through the admin API: a retrain, and when the gate keeps the serving model (or the run fails), a
/// rollback to the version that served before, so every call changes the model that serves.
/// </summary>
public sealed class ModelSwapper(HttpClient http)
{
    private readonly List<string> _served = [];

    public int Swaps { get; private set; }
    public int Retrains { get; private set; }
    public int Rollbacks { get; private set; }

    public async Task SwapAsync(TimeSpan timeout)
    {
        var current = (await http.GetFromJsonAsync<ModelRun>("/models/current"))!.Version;
        if (!_served.Contains(current)) _served.Add(current);
        using (var retrain = await http.PostAsync("/admin/retrain", null)) retrain.EnsureSuccessStatusCode();
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var newest = (await http.GetFromJsonAsync<List<ModelRun>>("/models?limit=1"))?.FirstOrDefault();
            if (newest is null || newest.Version == current || newest.Status == "training") continue;
            if (newest.Status == "active")
            {
                _served.Add(newest.Version);
                Retrains++;
                Swaps++;
                return;
            }
            break;
        }
        // The gate kept the serving model: roll back to the one before it instead.
        var previous = _served.LastOrDefault(v => v != current);
        if (previous is null) return;
        using var activate = await http.PostAsync($"/models/{previous}/activate", null);
        activate.EnsureSuccessStatusCode();
        Rollbacks++;
        Swaps++;
    }

    /// <summary>
    /// Until no retrain is running (or <paramref name="timeout"/>): a swap that timed out rolled back while its
    /// training went on, and a training's working set is not what the service keeps.
    /// </summary>
    public async Task WaitForTrainingAsync(TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout
            && (await http.GetFromJsonAsync<List<ModelRun>>("/models?limit=1"))?.FirstOrDefault()?.Status == "training")
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private sealed record ModelRun(string Version, string Status);
}
