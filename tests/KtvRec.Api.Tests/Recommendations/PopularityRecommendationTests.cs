using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Sessions;

namespace KtvRec.Api.Tests.Recommendations;

public sealed class PopularityRecommendationTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2", "s3", "s4");
        var earlier = DateTimeOffset.UtcNow.AddDays(-2);
        // How many people enjoyed each lately: s2 three (sung to the end, one liked it too); s3 two (one sang it to the end,
        // one scored 90); s1 none (played, skipped, scored 50); s4 twenty, but long ago.
        await PostAsync(
            Many(3, "play", "s2", earlier), Many(3, "complete", "s2", earlier), Many(1, "like", "s2", earlier),
            Many(1, "complete", "s3", earlier), [new { type = "score", userId = "someone1", songId = "s3", timestamp = earlier, score = 90 }],
            Many(5, "play", "s1", earlier), Many(5, "skip", "s1", earlier), [new { type = "score", userId = "someone0", songId = "s1", timestamp = earlier, score = 50 }],
            Many(20, "complete", "s4", DateTimeOffset.UtcNow.AddDays(-60)));
    }

    [Fact]
    public async Task SongsAreRankedByHowManyPeopleEnjoyedThemLately()
    {
        var list = await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/someone0");

        Assert.Equal(Strategies.Popularity, list!.Strategy);
        Assert.True(list.KnownUser);
        Assert.Null(list.ModelVersion);
        Assert.Equal(["s2", "s3", "s1", "s4"], list.Items.Select(i => i.SongId));
        Assert.Equal([1, 2, 3, 4], list.Items.Select(i => i.Rank));
        Assert.Equal([3, 2, 0, 0], list.Items.Select(i => i.Score));
        Assert.Equal("Title s2", list.Items[0].Title);
    }

    [Fact]
    public async Task AnUnknownUserGetsAColdStartListOfPopularSongsThatSaysSo()
    {
        var response = await Client.GetAsync("/recommendations/stranger?count=2");

        var list = await response.ReadAsync<RecommendationResponse>();
        Assert.Equal(Strategies.ColdStart, list.Strategy);
        Assert.False(list.KnownUser);
        Assert.Equal(["s2", "s3"], list.Items.Select(i => i.SongId));
    }

    [Fact]
    public async Task ACountThatIsNotANumberIsAProblemThatSaysWhatToSend()
    {
        var response = await Client.GetAsync("/recommendations/stranger?count=abc");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("count must be a whole number (got 'abc').", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ASongJustSungIsNotRecommendedToTheSingerAgain()
    {
        await PostAsync(Many(1, "complete", "s2", DateTimeOffset.UtcNow.AddMinutes(-5), user: "alice"));
        await PostAsync(Many(1, "complete", "s3", DateTimeOffset.UtcNow.AddHours(-7), user: "alice"));

        var alice = await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice");
        var bob = await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/fan");

        Assert.DoesNotContain("s2", alice!.Items.Select(i => i.SongId));
        Assert.Contains("s3", alice.Items.Select(i => i.SongId));
        Assert.Equal("s2", bob!.Items[0].SongId);
    }

    [Fact]
    public async Task WithASessionSongsAlreadySungInTheRoomAreLeftOut()
    {
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("tonight", "room-01", ["alice", "carol"]));
        await PostAsync([new { type = "play", userId = "alice", songId = "s3", sessionId = "tonight" }]);

        var carol = await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/carol?sessionId=tonight");

        Assert.DoesNotContain("s3", carol!.Items.Select(i => i.SongId));
        Assert.Equal("s2", carol.Items[0].SongId);
    }

    [Theory]
    [InlineData("/recommendations/fan?count=0", HttpStatusCode.BadRequest)]
    [InlineData("/recommendations/fan?count=100000", HttpStatusCode.BadRequest)]
    [InlineData("/recommendations/fan?count=lots", HttpStatusCode.BadRequest)]
    [InlineData("/recommendations/fan?sessionId=never", HttpStatusCode.NotFound)]
    public async Task BadParametersGetProblemDetails(string url, HttpStatusCode status)
    {
        await (await Client.GetAsync(url)).AssertProblemAsync(status);
    }

    [Fact]
    public async Task AnExclusionThatIsNotASongIdOrIsTooLongIsABadRequestNamingIt()
    {
        var badId = await (await Client.GetAsync("/recommendations/fan?exclude=s1,bad%20id")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var tooMany = await (await Client.PostAsJsonAsync("/recommendations/fan", new { exclude = Enumerable.Range(0, 1001).Select(i => $"s{i}") }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(badId.ErrorsFor("exclude[1]"));
        Assert.Contains("1000", tooMany.ErrorsFor("exclude")[0]);
    }

    [Fact]
    public async Task AStaleRankingIsServedAtOnceWhileTheNextIsComputedInTheBackground()
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?> { ["KtvRec:Recommendations:PopularityCacheSeconds"] = "1" });
        await app.AddSongsAsync("old", "new");
        var client = app.CreateClient();
        var earlier = DateTimeOffset.UtcNow.AddHours(-2);
        await client.PostAsJsonAsync("/events", new { events = Many(3, "complete", "old", earlier) });
        async Task<string?> TopAsync() => (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/listener"))!.Items.FirstOrDefault()?.SongId;
        async Task WaitForTopAsync(string songId)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (await TopAsync() != songId)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the ranking was never refreshed");
                await Task.Delay(200);
            }
        }

        // The ranking of the empty catalog at start-up serves until the one with the new songs is computed beside it.
        await WaitForTopAsync("old");
        (await client.PostAsJsonAsync("/events", new { events = Many(10, "complete", "new", earlier) })).EnsureSuccessStatusCode();
        // Whatever its age, the ranking a request gets is the one computed before: a new one never holds it up.
        Assert.Equal("old", await TopAsync());
        await WaitForTopAsync("new");
    }

    private static object[] Many(int count, string type, string songId, DateTimeOffset at, string user = "someone") =>
        Enumerable.Range(0, count)
            .Select(i => (object)new { type, userId = $"{user}{(user == "someone" ? i : "")}", songId, timestamp = at.AddMinutes(i), progress = type == "skip" ? 0.1 : (double?)null })
            .ToArray();

    private async Task PostAsync(params object[][] groups)
    {
        var response = await Client.PostAsJsonAsync("/events", new { events = groups.SelectMany(g => g).ToArray() });
        response.EnsureSuccessStatusCode();
    }
}
