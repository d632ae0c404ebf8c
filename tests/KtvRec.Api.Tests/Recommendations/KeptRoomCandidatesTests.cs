using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Sessions;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Api.Tests.Scaling;
using UserResponse = KtvRec.Api.Users.UserResponse;

namespace KtvRec.Api.Tests.Recommendations;

/// <summary>
/// A room's candidates kept between its jukebox's polls: two nodes on one database and one model, the first keeping
/// them (the default), the second gathering them for every request.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class KeptRoomCandidatesTests
{
    private static readonly string[] Members = ["u00004", "u00007", "u00011", "u00013"];

    [Fact]
    public async Task ARoomPolledAgainGetsTheListGatheringAfreshGivesAndAMemberOrTheRoomChangingIsInTheNextPoll()
    {
        // One popularity ranking per node for the test (the tests' default ranks again on every request, so nothing would be kept).
        var ranking = ("KtvRec:Recommendations:PopularityCacheSeconds", "3600");
        await using var nodes = new TwoNodesInProcess([("KtvRec:Training:GateTolerance", "0.5"), ranking], [("KtvRec:Recommendations:RoomsKept", "0"), ranking]);
        var (keeping, gathering) = (nodes.A, nodes.B);
        var run = await TrainedVenue.RetrainAsync(keeping);
        Assert.Equal("active", run.Status);
        var session = (await (await keeping.PostAsJsonAsync("/sessions", new { room = "room-05", userIds = Members })).ReadAsync<SessionResponse>()).Id;
        await WithinAsync(() => RoomListAsync(gathering, session), list => list.ModelVersion == run.Version);

        var first = await RoomListAsync(keeping, session);
        Assert.Equal(Strategies.Group, first.Strategy);
        Assert.Equal(Describe(first), Describe(await RoomListAsync(keeping, session)));
        Assert.Equal(Describe(first), Describe(await RoomListAsync(gathering, session)));

        // A member's profile changes (the room's languages and that member's pair fields with it).
        var member = (await keeping.GetFromJsonAsync<UserResponse>($"/users/{Members[0]}"))!;
        var language = first.Items.Select(i => i.Language).First(l => !member.PreferredLanguages.Contains(l));
        (await keeping.PutAsJsonAsync($"/users/{Members[0]}", new { preferredLanguages = new[] { language } })).EnsureSuccessStatusCode();
        var changed = await RoomListAsync(keeping, session);
        Assert.NotEqual(Describe(first), Describe(changed));
        Assert.Equal(Describe(changed), await WithinAsync(async () => Describe(await RoomListAsync(gathering, session)), list => list == Describe(changed)));

        // The room sings its list's first song.
        var song = changed.Items[0].SongId;
        (await keeping.PostAsJsonAsync("/events", new { type = "complete", userId = Members[1], songId = song, sessionId = session })).EnsureSuccessStatusCode();
        var after = await RoomListAsync(keeping, session);
        Assert.DoesNotContain(after.Items, item => item.SongId == song);
        Assert.Equal(Describe(after), await WithinAsync(async () => Describe(await RoomListAsync(gathering, session)), list => list == Describe(after)));
    }

    private static async Task<RoomRecommendationResponse> RoomListAsync(HttpClient client, string sessionId) =>
        (await client.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{sessionId}/recommendations?count=20"))!;

    /// <summary>Everything a jukebox shows of a list: each song, its score, whom it suits and why.</summary>
    private static string Describe(RoomRecommendationResponse list) => string.Join("\n", list.Items.Select(item =>
        $"{item.SongId} {item.Score} [{string.Join(",", item.Members ?? [])}] {string.Join(" | ", item.Reasons.Select(r => r.Text))}"));

    private static async Task<T> WithinAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(200);
        }
    }
}
