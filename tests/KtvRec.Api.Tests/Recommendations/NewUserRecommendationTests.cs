using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Retrieval;

namespace KtvRec.Api.Tests.Recommendations;

[Collection(HeavyTests.Name)]
public sealed class NewUserRecommendationTests
{
    [Fact]
    public async Task AUserWhoJoinedAfterTheLastRetrainGetsAListBuiltFromWhatTheySangSince()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "3")));
        var client = app.CreateClient();
        var run = await TrainedVenue.RetrainAsync(client);
        Assert.Equal("active", run.Status);
        using var model = ModelDirectory.Load(Path.Combine(app.DataDirectory, "models", run.Version));

        var stranger = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/newcomer?count=20"))!;
        Assert.Equal(Strategies.ColdStart, stranger.Strategy);

        var sung = model.Neighbours.Songs.Where(s => model.Neighbours.Of(s).Count() >= 10).Take(3).ToList();
        foreach (var song in sung)
            (await client.PostAsJsonAsync("/events", new { type = "complete", userId = "newcomer", songId = song })).EnsureSuccessStatusCode();
        var list = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/newcomer?count=20"))!;

        Assert.Equal(Strategies.SimilarSongs, list.Strategy);
        Assert.Equal(run.Version, list.ModelVersion);
        Assert.DoesNotContain(list.Items, item => sung.Contains(item.SongId));
        var similar = CandidateGenerator.Similar(model.Neighbours, sung).Take(20).Select(c => c.SongId).ToHashSet();
        var fromTheirSongs = list.Items.Count(item => similar.Contains(item.SongId));
        Assert.True(fromTheirSongs >= 10, $"{fromTheirSongs} of 20 songs are among the 20 most similar to theirs");
        Assert.NotEqual(stranger.Items.Select(i => i.SongId), list.Items.Select(i => i.SongId));
    }
}
