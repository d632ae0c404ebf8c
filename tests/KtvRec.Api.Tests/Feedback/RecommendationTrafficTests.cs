using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Feedback;
using KtvRec.Api.Recommendations;

namespace KtvRec.Api.Tests.Feedback;

public sealed class RecommendationTrafficTests
{
    [Fact]
    public async Task ListsServedAreCountedPerDayAndStrategyAtOnceAndOutliveARestart()
    {
        using var data = new TempDirectory();
        string strategy;
        await using (var app = new KtvRecApp(dataDirectory: data.Path))
        {
            await app.AddSongsAsync("s1", "s2", "s3");
            var client = app.CreateClient();
            strategy = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice?count=2"))!.Strategy;
            await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/bob?count=2");

            var served = (await client.GetFromJsonAsync<RecommendationTrafficResponse>("/stats/recommendations?days=7"))!;

            Assert.Equal(Today.AddDays(-6), served.From);
            Assert.Equal([new RecommendationDayResponse(Today, strategy, 2)], served.Days);
        }

        // A new process has nothing in memory: what it reports before serving was written by the first one at shutdown.
        await using var restarted = new KtvRecApp(dataDirectory: data.Path);
        var again = restarted.CreateClient();
        var stored = (await again.GetFromJsonAsync<RecommendationTrafficResponse>("/stats/recommendations"))!;
        await again.GetFromJsonAsync<RecommendationResponse>("/recommendations/carol?count=2");
        var afterOneMore = (await again.GetFromJsonAsync<RecommendationTrafficResponse>("/stats/recommendations"))!;

        Assert.Equal([new RecommendationDayResponse(Today, strategy, 2)], stored.Days);
        Assert.Equal([new RecommendationDayResponse(Today, strategy, 3)], afterOneMore.Days);
    }

    [Fact]
    public async Task ZeroDaysIsAProblem()
    {
        await using var app = new KtvRecApp();

        var problem = await (await app.CreateClient().GetAsync("/stats/recommendations?days=0")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("days"));
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
