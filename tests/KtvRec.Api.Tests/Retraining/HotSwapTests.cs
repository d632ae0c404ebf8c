using System.Net.Http.Json;
using KtvRec.Api.Recommendations;

namespace KtvRec.Api.Tests.Retraining;

[Collection(HeavyTests.Name)]
public sealed class HotSwapTests
{
    [Fact]
    public async Task RecommendationsNeverFailWhileModelsAreSwappedUnderLoad()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var setup = app.CreateClient();
        var first = await TrainedVenue.RetrainAsync(setup);
        var second = await TrainedVenue.RetrainAsync(setup);

        using var stop = new CancellationTokenSource();
        var served = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var client = app.CreateClient();
            var requests = 0;
            while (!stop.IsCancellationRequested || requests < 20)
            {
                var response = await client.GetAsync($"/recommendations/u{(worker * 7 + requests) % 40:D5}?count=10");
                requests++;
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                var list = await response.Content.ReadFromJsonAsync<RecommendationResponse>();
                served.AddOrUpdate(list!.ModelVersion ?? "none", 1, (_, n) => n + 1);
            }
        })).ToList();

        for (var swap = 0; swap < 10; swap++)
        {
            var version = swap % 2 == 0 ? first.Version : second.Version;
            (await setup.PostAsync($"/models/{version}/activate", null)).EnsureSuccessStatusCode();
            await Task.Delay(100);
        }
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.Empty(failures);
        Assert.Equal(new[] { first.Version, second.Version }.Order(), served.Keys.Order());
        Assert.True(served.Values.Sum() >= 160);
    }
}
