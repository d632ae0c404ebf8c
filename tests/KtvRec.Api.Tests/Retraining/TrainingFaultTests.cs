using System.Net.Http.Json;
using KtvRec.Api.Serving;
using KtvRec.Api.Recommendations;
using KtvRec.Domain.Registry;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>However a training run breaks, the serving model keeps answering, the registry says why, and the next run tries again.</summary>
[Collection(HeavyTests.Name)]
public sealed class TrainingFaultTests
{
    [Theory]
    [InlineData("KtvRec:Training:LearningRate", "1e30", "loss became")]
    [InlineData("KtvRec:Training:Device", "cuda", "CUDA was asked for")]
    [InlineData("KtvRec:Training:MinInteractions", "100000000", "too little data")]
    public async Task ABrokenRunIsRecordedTheServingModelKeepsAnsweringAndTheNextRunWorks(string key, string value, string reason)
    {
        using var data = new TempDirectory();
        ModelVersionResponse good;
        await using (var app = new KtvRecApp(SmallDemo.Settings(), data.Path))
            good = await TrainedVenue.RetrainAsync(app.CreateClient());

        await using (var broken = new KtvRecApp(SmallDemo.Settings((key, value)), data.Path))
        {
            var client = broken.CreateClient();
            var failed = await TrainedVenue.RetrainAsync(client);
            var list = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00004");

            Assert.Equal("failed", failed.Status);
            Assert.Contains(reason, failed.Reason);
            Assert.Equal((Strategies.DeepFm, good.Version), (list!.Strategy, list.ModelVersion));
        }

        // Any sound model that beats popularity may serve again: this run only has to work.
        await using var healthy = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:GateTolerance", "0.5")), data.Path);
        var next = await TrainedVenue.RetrainAsync(healthy.CreateClient());
        Assert.Equal("active", next.Status);
    }

    [Fact]
    public async Task ARunThatAnotherWorkerMarkedAbandonedStopsAndItsModelNeverServes()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:HeartbeatSeconds", "1"), ("KtvRec:Training:GateTolerance", "0.5")));
        var client = app.CreateClient();
        (await client.PostAsync("/admin/retrain", null)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        List<ModelVersionResponse> runs = [];
        while (runs is not [{ Status: "training" }] && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            runs = (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!;
        }
        var version = Assert.Single(runs).Version;

        // What another worker does when this run's heartbeat looks late to it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KtvDbContext>().ModelVersions.Where(v => v.Version == version)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.Status, ModelStatus.Failed).SetProperty(v => v.Reason, "abandoned: (by the test)"));
        }
        var run = await TrainedVenue.WaitForRunAsync(client, runsBefore: 0);
        for (var waited = 0; (await client.GetFromJsonAsync<KtvRec.Api.Retraining.TrainingProgressResponse>("/models/training"))!.Running && waited < 600; waited++)
            await Task.Delay(100);

        Assert.Equal(("failed", version), (run.Status, run.Version));
        Assert.Equal(Strategies.Popularity, (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00004"))!.Strategy);
        Assert.Equal("failed", (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!.Single().Status);
    }

    [Fact]
    public async Task AWindowWhereNobodyEnjoyedASongIsRefusedWithItsReason()
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?> { ["KtvRec:Training:MinInteractions"] = "10" });
        await app.AddSongsAsync(Enumerable.Range(1, 30).Select(i => $"s{i}").ToArray());
        var client = app.CreateClient();
        var events = Enumerable.Range(0, 300).Select(i => new
        {
            type = "skip", userId = $"u{i % 12}", songId = $"s{1 + i % 30}", timestamp = DateTimeOffset.UtcNow.AddMinutes(-i), progress = 0.1,
        });
        (await client.PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();

        var run = await TrainedVenue.RetrainAsync(client);

        Assert.Equal("failed", run.Status);
        Assert.Contains("too little data", run.Reason);
        Assert.Equal(Strategies.Popularity, (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u1"))!.Strategy);
    }
}
