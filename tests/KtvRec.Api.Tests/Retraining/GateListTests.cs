using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Domain;
using KtvRec.Domain.Storage;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>What the gate judges is what a jukebox gets: the same user, model and moment give the same list.</summary>
[Collection(HeavyTests.Name)]
public sealed class GateListTests
{
    [Fact]
    public async Task TheListTheGateJudgesForAUserIsTheListServingGivesThem()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();
        var run = await TrainedVenue.RetrainAsync(client);
        Assert.True(run.Status == "active", $"{run.Status}: {run.Reason}");

        // The gate's side: the venue as a retrain reads it, the model as the registry saved it, the service's settings.
        VenueHistory venue;
        using (var scope = app.Services.CreateScope())
            venue = VenueHistory.From(await SnapshotReader.ReadAsync(scope.ServiceProvider.GetRequiredService<KtvDbContext>(), null, CancellationToken.None));
        using var trained = ModelDirectory.Load(Path.Combine(app.DataDirectory, "models", run.Version));
        var served = ServedModel.Prepare(trained, venue.Songs);
        var options = app.Services.GetRequiredService<IOptions<RecommendationOptions>>().Value.ToPipeline();

        var users = venue.UserIds.Take(10).ToList();
        foreach (var userId in users)
        {
            foreach (var discovery in new[] { false, true })
            {
                var response = (await client.GetFromJsonAsync<RecommendationResponse>($"/recommendations/{userId}?count=20&discovery={discovery}"))!;
                var at = response.GeneratedAt;
                var popularity = SongPopularity.At(venue.Interactions, at, options.PopularityWindowDays, served.Rows);
                var gate = new PipelineEvaluation(new RecommendationPipeline(options), venue, popularity, k: 20);
                var user = new HeldOutUser(userId, at, PlayContext.At(at, 0), new HashSet<string>(), new HashSet<string>());

                Assert.Equal("deepfm", response.Strategy);
                Assert.Equal(gate.List(served, user, discovery), response.Items.Select(item => item.SongId));
            }
        }
    }
}
