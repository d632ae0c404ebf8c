using System.Net.Http.Json;
using KtvRec.Api.Demo;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Stats;
using KtvRec.Domain.Simulation;

namespace KtvRec.Api.Tests.Hosting;

[Collection(HeavyTests.Name)]
public sealed class DemoVenueTests
{
    [Fact]
    public async Task AnEmptyDatabaseIsFilledWithTheSimulatedVenueThroughTheIngestPath()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();

        var stats = await client.GetFromJsonAsync<StatsResponse>("/stats");
        var expected = VenueSimulator.Generate(DemoVenueLoader.Simulation(SmallDemo.Options, DateTime.UtcNow));

        Assert.Equal(SmallDemo.Options.Songs, stats!.Songs);
        Assert.Equal(SmallDemo.Options.Users, stats.Users);
        Assert.Equal(SmallDemo.Options.Sessions, stats.Sessions);
        Assert.Equal(expected.Events.Count, stats.Events);

        var list = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00001");
        Assert.Equal(Strategies.Popularity, list!.Strategy);
        Assert.Equal(20, list.Items.Count);
        Assert.True(list.Items[0].Score > 0);
    }

    [Fact]
    public async Task AVenueOfMoreUsersThanOneQueryMayNameLoads()
    {
        // SQLite takes at most 32,766 values in one statement; the demo's range allows 100,000 users.
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Demo:Users", "40000"), ("KtvRec:Demo:Songs", "100"), ("KtvRec:Demo:Sessions", "20")));

        var stats = await app.CreateClient().GetFromJsonAsync<StatsResponse>("/stats");

        Assert.Equal(40_000, stats!.Users);
    }

    [Fact]
    public async Task ADatabaseWithDataIsNotLoadedAgain()
    {
        using var data = new TempDirectory();
        var dataDirectory = data.Path;
        int firstCount;
        await using (var first = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
            firstCount = (await first.CreateClient().GetFromJsonAsync<StatsResponse>("/stats"))!.Events;

        await using (var second = new KtvRecApp(SmallDemo.Settings(), dataDirectory))
            Assert.Equal(firstCount, (await second.CreateClient().GetFromJsonAsync<StatsResponse>("/stats"))!.Events);

    }
}
