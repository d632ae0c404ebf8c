using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Serving;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Retraining;
using KtvRec.Training.Trainer;
using KtvRec.Training.Evaluation;

namespace KtvRec.Api.Tests.Retraining;

[Collection(HeavyTests.Name)]
public sealed class RetrainTests
{
    [Fact]
    public async Task ARetrainTrainsDeepFmSwapsItInAndTheNextOneReplacesIt()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");
        await (await client.GetAsync("/models/current")).AssertProblemAsync(HttpStatusCode.NotFound);

        var first = await TrainedVenue.RetrainAsync(client);
        var afterFirst = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");
        var second = await TrainedVenue.RetrainAsync(client);
        var afterSecond = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");

        Assert.Equal(Strategies.Popularity, before!.Strategy);
        Assert.Equal("active", first.Status);
        Assert.Equal("deepfm", first.Kind);
        Assert.True(first.Metrics["auc"] > first.Metrics["popularity_auc"]);
        Assert.Equal(Strategies.DeepFm, afterFirst!.Strategy);
        Assert.Equal(first.Version, afterFirst.ModelVersion);
        Assert.All(afterFirst.Items, item => Assert.InRange(item.Score, 0, 1));

        Assert.Equal("active", second.Status);
        Assert.True(string.CompareOrdinal(second.Version, first.Version) > 0);
        Assert.True(second.Metrics.ContainsKey("serving_ndcg@20"));
        Assert.Equal(second.Version, afterSecond!.ModelVersion);
        var models = await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models");
        Assert.Equal(["active", "retired"], models!.Select(m => m.Status));
    }

    [Fact]
    public async Task AWorseModelIsRejectedAndTheServingModelStays()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        ModelVersionResponse good;
        await using (var app = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
            good = await TrainedVenue.RetrainAsync(app.CreateClient());

        // An untrained-looking LR (one epoch, a learning rate too small to learn) cannot match the DeepFM.
        await using var restarted = new KtvRecApp(
            SmallDemo.Settings(
                ("KtvRec:Training:Model", "lr"), ("KtvRec:Training:Epochs", "1"), ("KtvRec:Training:LearningRate", "0.0000001"),
                ("KtvRec:Training:GateTolerance", "0")),
            dataDirectory);
        var client = restarted.CreateClient();
        var worse = await TrainedVenue.RetrainAsync(client);

        Assert.Equal("rejected", worse.Status);
        Assert.Matches("NDCG@20 .*(worse than the serving model|does not beat popularity)", worse.Reason);
        Assert.Equal(good.Version, (await client.GetFromJsonAsync<ModelVersionResponse>("/models/current"))!.Version);
        Assert.Equal(good.Version, (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001"))!.ModelVersion);
    }

    [Fact]
    public async Task ARollbackServesTheEarlierVersionAgain()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();
        var first = await TrainedVenue.RetrainAsync(client);
        var second = await TrainedVenue.RetrainAsync(client);

        var rollback = await client.PostAsync($"/models/{first.Version}/activate", null);

        Assert.Equal(first.Version, (await rollback.ReadAsync<ModelVersionResponse>()).Version);
        Assert.Equal(first.Version, (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00002"))!.ModelVersion);
        var models = await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models");
        Assert.Equal("retired", models!.Single(m => m.Version == second.Version).Status);
        await (await client.PostAsync("/models/nope/activate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFailedTrainingIsRecordedAndTheServingModelKeepsAnswering()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        ModelVersionResponse good;
        await using (var app = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
            good = await TrainedVenue.RetrainAsync(app.CreateClient());

        await using var restarted = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:MinInteractions", "100000000")), dataDirectory);
        var client = restarted.CreateClient();
        var failed = await TrainedVenue.RetrainAsync(client);

        Assert.Equal("failed", failed.Status);
        Assert.Contains("too little data", failed.Reason);
        var list = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00003");
        Assert.Equal((Strategies.DeepFm, good.Version), (list!.Strategy, list.ModelVersion));
        await (await client.PostAsync($"/models/{failed.Version}/activate", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ACorruptActiveModelFallsBackToTheEarlierVersionAtStartUp()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        ModelVersionResponse first, second;
        await using (var app = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
        {
            first = await TrainedVenue.RetrainAsync(app.CreateClient());
            second = await TrainedVenue.RetrainAsync(app.CreateClient());
        }
        File.WriteAllText(Path.Combine(dataDirectory, "models", second.Version, "weights.bin"), "not a model");

        await using var restarted = new KtvRecApp(SmallDemo.Settings(), dataDirectory);
        var list = await restarted.CreateClient().GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");

        Assert.Equal(first.Version, list!.ModelVersion);
    }

    [Fact]
    public void TheGateWantsBetterThanPopularityAndNoWorseThanServing()
    {
        VenueTrainingReport Report(double ndcg) => new(
            KtvRec.Training.Models.ModelKind.DeepFm, 0.85, 0.4, 0.8, new RankingReport(10, 20, 0.2, ndcg, 0.1, 0.05, 0.15, 0.08, 0.6, 500),
            100, 10, 3, 2, 1, 1000, SimilarWeight: 0, SearchTrials: 1, SearchSeconds: 1);

        Assert.False(RetrainJob.Gate(Report(0.04), null, 0.01).Passed);
        Assert.True(RetrainJob.Gate(Report(0.10), null, 0.01).Passed);
        Assert.True(RetrainJob.Gate(Report(0.10), 0.105, 0.01).Passed);
        var (passed, reason) = RetrainJob.Gate(Report(0.10), 0.12, 0.01);
        Assert.False(passed);
        Assert.Equal("NDCG@20 0.1000, Recall@20 0.2000; popularity 0.0500, item-kNN 0.0800: worse than the serving model's NDCG@20 0.1200 on the same users (tolerance 0.01)", reason);
    }
}
