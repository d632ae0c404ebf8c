using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Serving;
using KtvRec.Api.Retraining;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>Helpers to train a service's model and wait for the outcome.</summary>
internal static class TrainedVenue
{
    /// <summary>The small venue with its first model trained and serving (the gate lets a barely different model through).</summary>
    public static async Task<(KtvRecApp App, HttpClient Client)> ServingAsync(params (string Key, string Value)[] settings)
    {
        var app = new KtvRecApp(SmallDemo.Settings([SmallDemo.LenientGate, .. settings]));
        var client = app.CreateClient();
        Assert.Equal("active", (await RetrainAsync(client)).Status);
        return (app, client);
    }

    /// <summary>Asks for a training run and waits until the registry records how it ended.</summary>
    public static async Task<ModelVersionResponse> RetrainAsync(HttpClient client)
    {
        var before = (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!.Count;
        var response = await client.PostAsync("/admin/retrain", null);
        Assert.False(string.IsNullOrEmpty((await response.ReadAsync<RetrainResponse>()).JobId));
        return await WaitForRunAsync(client, before);
    }

    /// <summary>Waits until the node's lists come from <paramref name="version"/> (a node swaps a model in a moment after the registry records it).</summary>
    public static async Task ServesWithinAsync(HttpClient client, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? serving = null;
        while (DateTime.UtcNow < deadline)
        {
            serving = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001?count=1"))!.ModelVersion;
            if (serving == version) return;
            await Task.Delay(100);
        }
        Assert.Fail($"The node serves {serving ?? "no model"}, not {version}, 15 seconds later.");
    }

    public static async Task<ModelVersionResponse> WaitForRunAsync(HttpClient client, int runsBefore)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var runs = (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!;
            if (runs.Count > runsBefore && runs[0].Status != "training") return runs[0];
            await Task.Delay(250);
        }
        throw new TimeoutException("The training run did not finish within 3 minutes.");
    }
}
