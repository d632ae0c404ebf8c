using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Stats;
using KtvRec.Domain.Simulation;

namespace KtvRec.Api.Tests.Hosting;

public sealed class DemoVenueTests
{
    private static readonly Dictionary<string, string?> SmallDemo = new()
    {
        ["KtvRec:Demo:Enabled"] = "true",
        ["KtvRec:Demo:Seed"] = "5",
        ["KtvRec:Demo:Songs"] = "200",
        ["KtvRec:Demo:Users"] = "30",
        ["KtvRec:Demo:Sessions"] = "40",
        ["KtvRec:Demo:Days"] = "7",
    };

    [Fact]
    public async Task AnEmptyDatabaseIsFilledWithTheSimulatedVenueThroughTheIngestPath()
    {
        await using var app = new KtvRecApp(SmallDemo);
        var client = app.CreateClient();

        var stats = await client.GetFromJsonAsync<StatsResponse>("/stats");
        var expected = VenueSimulator.Generate(new SimulationOptions { Seed = 5, Songs = 200, Artists = 20, Users = 30, Sessions = 40, Days = 7 });

        Assert.Equal(200, stats!.Songs);
        Assert.Equal(30, stats.Users);
        Assert.Equal(40, stats.Sessions);
        Assert.Equal(expected.Events.Count, stats.Events);

        var list = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");
        Assert.Equal(Strategies.Popularity, list!.Strategy);
        Assert.Equal(20, list.Items.Count);
        Assert.True(list.Items[0].Score > 0);
    }

    [Fact]
    public async Task ADatabaseWithDataIsNotLoadedAgain()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        int firstCount;
        await using (var first = new KtvRecApp(SmallDemo, dataDirectory))
            firstCount = (await first.CreateClient().GetFromJsonAsync<StatsResponse>("/stats"))!.Events;

        await using (var second = new KtvRecApp(SmallDemo, dataDirectory))
            Assert.Equal(firstCount, (await second.CreateClient().GetFromJsonAsync<StatsResponse>("/stats"))!.Events);

    }
}
