using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Training.ModelFiles;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Recommendations;

[Collection(HeavyTests.Name)]
public sealed class NewUserRecommendationTests
{
    [Fact]
    public async Task AUserWhoJoinedAfterTheLastRetrainGetsTheModelsListBuiltFromWhatTheySangSince()
    {
        // The same hour whenever the test runs: the model ranks in the context of the hour.
        var clock = new ClockAt(hour: 20);
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "3"), SmallDemo.LenientGate));
        await using var evening = app.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var client = evening.CreateClient();
        var run = await TrainedVenue.RetrainAsync(client);
        Assert.True(run.Status == "active", $"{run.Status}: {run.Reason}");
        using var model = ModelDirectory.Load(Path.Combine(app.DataDirectory, "models", run.Version));

        var stranger = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/newcomer?count=20"))!;
        Assert.Equal(Strategies.ColdStart, stranger.Strategy);

        var sung = model.Similarity.Ease.Songs.Where(s => model.Similarity.Ease.Of(s).Count(n => n.Weight > 0) >= 10).Take(3).ToList();
        foreach (var song in sung)
            (await client.PostAsJsonAsync("/events", new { type = "complete", userId = "newcomer", songId = song })).EnsureSuccessStatusCode();
        var list = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/newcomer?count=20"))!;

        // Not a fallback: the serving model ranks them at once, from the songs they sang since it was trained.
        Assert.Equal(Strategies.DeepFm, list.Strategy);
        Assert.Equal(run.Version, list.ModelVersion);
        Assert.DoesNotContain(list.Items, item => sung.Contains(item.SongId));
        var becauseTheySang = list.Items.Count(item => item.Reasons.Any(r => r.Kind == ReasonKinds.SimilarTo && sung.Contains(r.SongId!)));
        Assert.True(becauseTheySang >= 10, $"{becauseTheySang} of 20 songs say they are there because of a song the user sang");
        Assert.NotEqual(stranger.Items.Select(i => i.SongId), list.Items.Select(i => i.SongId));
    }

    [Fact]
    public async Task ADiscoveryListHasNoSongTheUserEverPlayedWhileTheDefaultListKeepsThem()
    {
        // The popularity ranking is computed once, so the plays below change nothing but what counts as played.
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "2"), ("KtvRec:Recommendations:PopularityCacheSeconds", "3600"), SmallDemo.LenientGate));
        var client = app.CreateClient();
        var run = await TrainedVenue.RetrainAsync(client);
        Assert.True(run.Status == "active", $"{run.Status}: {run.Reason}");
        var twoDaysAgo = DateTimeOffset.UtcNow.AddDays(-2);
        var sung = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/regular?count=3"))!.Items.Select(i => i.SongId).ToList();
        foreach (var song in sung)
            (await client.PostAsJsonAsync("/events", new { type = "complete", userId = "regular", songId = song, timestamp = twoDaysAgo })).EnsureSuccessStatusCode();

        // Plays leave the history (and so the list) as it was: the top five are now songs the user has played.
        var played = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/regular?count=5"))!.Items.Select(i => i.SongId).ToList();
        foreach (var song in played)
            (await client.PostAsJsonAsync("/events", new { type = "play", userId = "regular", songId = song, timestamp = twoDaysAgo })).EnsureSuccessStatusCode();
        var usual = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/regular?count=5"))!;
        var discovery = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/regular?count=100&discovery=true"))!;

        Assert.Equal(played, usual.Items.Select(i => i.SongId));
        Assert.Equal(100, discovery.Items.Count);
        Assert.DoesNotContain(discovery.Items, item => played.Contains(item.SongId) || sung.Contains(item.SongId));
    }
}
