using System.Net.Http.Json;
using KtvRec.Api.Feedback;
using KtvRec.Api.Recommendations;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Feedback;

public sealed class PickRateTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2", "s3", "s4");
    }

    [Fact]
    public async Task OneSongPickedOfThreeShownIsAThirdPerDayAndInMetrics()
    {
        var list = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice?count=3"))!;
        await Jukebox.ShowAndPickAsync(Client, "alice", list.RecommendationId, list.Items.Select(i => i.SongId).ToList(), picked: 1);
        // The picked song's later events (sung to the end) are the same pick.
        (await Client.PostAsJsonAsync("/events", new { type = "complete", userId = "alice", songId = list.Items[0].SongId, recommendationId = list.RecommendationId }))
            .EnsureSuccessStatusCode();

        var report = (await Client.GetFromJsonAsync<PickRatesResponse>("/stats/pick-rates"))!;

        var day = Assert.Single(report.Days);
        Assert.Equal(new PickRateDay(DateOnly.FromDateTime(list.GeneratedAt), null, list.Strategy, 3, 1, 0.3333), day);
        Assert.Equal(PickRate.Of(3, 1), report.Total);
        var metrics = await Client.GetStringAsync("/metrics");
        Assert.Contains($"ktvrec_pick_rate{{model_version=\"\",strategy=\"{list.Strategy}\"}} 0.3333", metrics);
    }

    [Fact]
    public async Task AListOfAVersionTheRegistryDoesNotHaveIsRefusedAndCountsNowhere()
    {
        // Only this service can make an id (the secret); one naming a version the registry never had is refused, and
        // reports and metrics would leave it out anyway.
        var id = App.Services.GetRequiredService<RecommendationIds>().New(
            new IssuedList(DateTime.UtcNow, Strategies.DeepFm, "no-such-version", IssuedList.ForUser("alice")));

        var response = await Client.PostAsJsonAsync("/events", new { type = "impression", userId = "alice", songId = "s1", recommendationId = id });

        var problem = await response.AssertProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("no-such-version", Assert.Single(problem.ErrorsFor("recommendationId")));
        Assert.Empty((await Client.GetFromJsonAsync<PickRatesResponse>("/stats/pick-rates"))!.Days);
        Assert.DoesNotContain("no-such-version", await Client.GetStringAsync("/metrics"));
    }
}

/// <summary>What a jukebox client sends.</summary>
public static class Jukebox
{
    /// <summary>What a jukebox sends for a list on the screen: an impression per song not picked, a play per song picked.</summary>
    public static async Task ShowAndPickAsync(HttpClient client, string userId, string recommendationId, IReadOnlyList<string> shown, int picked)
    {
        var events = shown.Select((song, i) => new { type = i < picked ? "play" : "impression", userId, songId = song, recommendationId });
        using var response = await client.PostAsJsonAsync("/events", new { events });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
