using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Serving;
using KtvRec.Api.Recommendations;
using KtvRec.Domain.Storage;
using KtvRec.Training.Evaluation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.InRange(first.Metrics["auc"], 0.55, 1);
        Assert.True(first.Metrics["ndcg@20"] > first.Metrics["popularity_ndcg@20"]);
        Assert.Equal(Strategies.DeepFm, afterFirst!.Strategy);
        Assert.Equal(first.Version, afterFirst.ModelVersion);
        Assert.All(afterFirst.Items, item => Assert.InRange(item.Score, 0, 1));

        Assert.Equal("active", second.Status);
        Assert.True(string.CompareOrdinal(second.Version, first.Version) > 0);
        Assert.True(second.Metrics.ContainsKey("serving_compared_users"));
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

        // An untrained DeepFM (one epoch, a learning rate too small to learn) ranks its candidates at random: worse than
        // their own order. (Left to choose, the blend would lean on that order and mend it: the ranker alone here.)
        await using var restarted = new KtvRecApp(
            SmallDemo.Settings(
                ("KtvRec:Training:Epochs", "1"), ("KtvRec:Training:LearningRate", "0.0000001"),
                ("KtvRec:Training:GateTolerance", "0"), ("KtvRec:Training:BlendWeights", "0")),
            dataDirectory);
        var client = restarted.CreateClient();
        var worse = await TrainedVenue.RetrainAsync(client);

        Assert.True(worse.Status == "rejected", $"{worse.Status}: {worse.Reason}");
        Assert.Matches("NDCG@20 .*(worse than its candidates without the ranker|does not beat popularity)", worse.Reason);
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
    public async Task ADamagedModelIsRepairedFromTheDatabaseAndOneThatCannotBeLeavesTheRegistryAlone()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        ModelVersionResponse first, second;
        await using (var app = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
        {
            first = await TrainedVenue.RetrainAsync(app.CreateClient());
            second = await TrainedVenue.RetrainAsync(app.CreateClient());
        }
        var weights = Path.Combine(dataDirectory, "models", second.Version, "weights.bin");

        // This node's copy is damaged: it unpacks the database's again and serves the active version.
        File.WriteAllText(weights, "not a model");
        await using (var repaired = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
        {
            var list = await repaired.CreateClient().GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");
            Assert.Equal(second.Version, list!.ModelVersion);
            Assert.NotEqual("not a model", File.ReadAllText(weights));

            // Now the database's copy is damaged too (as if this node's disk and its copy went bad together).
            using var scope = repaired.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<KtvDbContext>().ModelFiles.Where(f => f.Version == second.Version)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.Content, [1, 2, 3]));
        }
        File.WriteAllText(weights, "not a model");

        // It cannot load the active version anywhere: it serves the earlier one itself and does not roll anyone else back.
        await using var restarted = new KtvRecApp(SmallDemo.Settings(), dataDirectory);
        var client = restarted.CreateClient();
        var fallback = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");
        var current = await client.GetFromJsonAsync<ModelVersionResponse>("/models/current");

        Assert.Equal(first.Version, fallback!.ModelVersion);
        Assert.Equal((second.Version, "active"), (current!.Version, current.Status));
    }

    [Fact]
    public void TheGateWantsBetterThanPopularityAndThanTheCandidatesAloneAndNoWorseThanServingOnUsersItHasNotSeen()
    {
        static RankingReport Report(double ndcg, double withoutModel = 0.08) => new(
            300, 20, new ModelQuality(new(0.2, ndcg), new(0.15, withoutModel), new(0.1, 0.06), new(0.1, 0.05), 0.6),
            Popularity: new(0.1, 0.05), FavouritesThenKnn: new(0.12, 0.07), Knn: new(0.09, 0.05), Ease: new(0.1, 0.06), Candidates: 300);

        Assert.False(Gate.Judge(Report(0.04), null, 0.01).Passed);
        Assert.True(Gate.Judge(Report(0.10), null, 0.01).Passed);
        Assert.False(Gate.Judge(Report(0.10, withoutModel: 0.12), null, 0.01).Passed);
        Assert.True(Gate.Judge(Report(0.10), new ServingComparison(40, 0.105, 0.10), 0.01).Passed);
        // Too few users sang since the serving model's data for a fair comparison: it is not made, and the reason says so.
        var (untested, why) = Gate.Judge(Report(0.10), new ServingComparison(12, 0.2, 0.1), 0.01);
        Assert.True(untested);
        Assert.EndsWith("not compared with the serving model: 12 of the users sang since its data, 30 needed", why);
        var (passed, reason) = Gate.Judge(Report(0.10), new ServingComparison(40, 0.12, 0.10), 0.01);
        Assert.False(passed);
        Assert.EndsWith("worse than the serving model on the 40 users who sang since its data (0.1000 against 0.1200, tolerance 0.01)", reason);
        Assert.StartsWith("NDCG@20 0.1000, Recall@20 0.2000 over 300 users; popularity 0.0500", reason);
    }
}
