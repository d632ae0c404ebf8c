using System.Net.Http.Json;
using KtvRec.Api.Demo;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Sessions;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Recommendations;

/// <summary>What a room's list is worth, by the truth behind the simulated venue rather than by its own metrics.</summary>
[Collection(HeavyTests.Name)]
public sealed class RoomOracleQualityTests(ITestOutputHelper output)
{
    private const int Count = 20;

    [Fact]
    public async Task ARoomsListHoldsMoreOfTheSongsTheWholeRoomWouldEnjoyThanPopularityDoes()
    {
        var clock = new ClockAt(hour: 21);
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "6")));
        await using var evening = app.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var client = evening.CreateClient();
        var now = clock.GetUtcNow().UtcDateTime;
        var venue = VenueSimulator.Generate(DemoVenueLoader.Simulation(SmallDemo.Options, now));
        // The venue's own parties (mostly one circle of friends), each opened again as a room tonight.
        var parties = venue.Sessions.Where(s => s.UserIds.Count is 3 or 4)
            .Select(s => s.UserIds.Order().ToArray()).DistinctBy(members => string.Join(",", members)).Take(60).ToList();
        var rooms = new List<(string Id, string[] Members)>();
        foreach (var members in parties)
        {
            var session = await (await client.PostAsJsonAsync("/sessions", new { room = "room-01", userIds = members })).ReadAsync<SessionResponse>();
            rooms.Add((session.Id, members));
        }

        var popular = await ListsAsync(client, rooms);
        await TrainedVenue.RetrainAsync(client);
        var group = await ListsAsync(client, rooms);

        // A song's worth to a room: the members' average true probability of singing it to the end, tonight, together.
        double Worth(string[] members, string songId) =>
            members.Average(member => venue.Oracle.TrueProbability(member, songId, PlayContext.At(now, members.Length)));
        double Hits(Dictionary<string, RoomRecommendationResponse> lists) => rooms.Average(room =>
        {
            var best = venue.Songs.OrderByDescending(s => Worth(room.Members, s.Id)).Take(Count).Select(s => s.Id).ToHashSet();
            return lists[room.Id].Items.Count(item => best.Contains(item.SongId));
        });
        double MeanWorth(Dictionary<string, RoomRecommendationResponse> lists) =>
            rooms.Average(room => lists[room.Id].Items.Average(item => Worth(room.Members, item.SongId)));
        var (popularHits, groupHits) = (Hits(popular), Hits(group));
        output.WriteLine(
            $"{rooms.Count} rooms: the room's best {Count} songs in its list: {GroupStrategies.AverageWithoutMisery} {groupHits:F2}, " +
            $"popularity {popularHits:F2}; mean worth of a listed song {MeanWorth(group):F3} vs {MeanWorth(popular):F3}");

        Assert.True(rooms.Count >= 20, $"only {rooms.Count} parties of three or four in the simulated venue");
        Assert.All(popular.Values, list => Assert.Equal(Strategies.Popularity, list.Strategy));
        Assert.All(group.Values, list => Assert.Equal(Strategies.Group, list.Strategy));
        // 8.37 against 6.91 (mean worth 0.538 against 0.503) on 2026-12-06 by the average with a fair start; with strict
        // turns between the members 7.67 against 7.11 (2026-12-04); ranked by the members' average percentile the lists
        // were worse than popularity (7.20 against 7.27 over 30 of these rooms).
        Assert.True(groupHits > popularHits, $"the room's list {groupHits:F2} vs popularity {popularHits:F2} of the room's best {Count}");
        Assert.True(MeanWorth(group) > MeanWorth(popular), $"mean worth {MeanWorth(group):F3} vs popularity {MeanWorth(popular):F3}");
    }

    private static async Task<Dictionary<string, RoomRecommendationResponse>> ListsAsync(HttpClient client, List<(string Id, string[] Members)> rooms)
    {
        var lists = new Dictionary<string, RoomRecommendationResponse>();
        foreach (var (id, _) in rooms)
            lists[id] = (await client.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{id}/recommendations?count={Count}"))!;
        return lists;
    }
}
