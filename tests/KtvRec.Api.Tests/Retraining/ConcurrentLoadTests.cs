using System.Collections.Concurrent;
using System.Net.Http.Json;
using KtvRec.Api.Serving;

namespace KtvRec.Api.Tests.Retraining;

[Collection(HeavyTests.Name)]
public sealed class ConcurrentLoadTests
{
    [Fact]
    public async Task IngestRecommendationsAndTrainingTogetherNeverFailAClient()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "4"), SmallDemo.LenientGate));
        var setup = app.CreateClient();
        var runsBefore = (await setup.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!.Count;
        (await setup.PostAsync("/admin/retrain", null)).EnsureSuccessStatusCode();

        var failures = new ConcurrentBag<string>();
        var succeeded = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var client = app.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = worker % 2 == 0
                    ? await client.PostAsJsonAsync("/events", new
                    {
                        events = Enumerable.Range(0, 10).Select(e => new { eventId = $"load-{worker}-{i}-{e}", type = "play", userId = $"u{(worker + e) % 40:D5}", songId = $"s{(i + e) % 200:D5}" }),
                    })
                    : await client.GetAsync($"/recommendations/u{(worker * 13 + i) % 40:D5}?count=10");
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref succeeded);
                else failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();

        var run = await TrainedVenue.WaitForRunAsync(setup, runsBefore);
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.True(run.Status == "active", $"{run.Status}: {run.Reason}");
        Assert.Empty(failures);
        Assert.True(succeeded > 50, $"only {succeeded} requests completed during training");
    }
}
