using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Sessions;
using KtvRec.Api.Tests.Scaling;
using RoomList = KtvRec.Api.Recommendations.RoomRecommendationResponse;
using UserList = KtvRec.Api.Recommendations.RecommendationResponse;

namespace KtvRec.Api.Tests.Sessions;

/// <summary>Two API nodes on one database: the queue is set through one and reaches the other's rooms held in memory.</summary>
public sealed class RoomQueueTests
{
    [Fact]
    public async Task AQueueSetOnOneNodeIsOnNoListForTheRoomOrAnyMemberOnEitherNode()
    {
        await using var nodes = new TwoNodesInProcess();
        var (a, b) = (nodes.A, nodes.B);
        var session = await (await a.PostAsJsonAsync("/sessions", new { room = "room-01", userIds = new[] { "u00004", "u00007" } })).ReadAsync<SessionResponse>();
        // The second node holds the room before the queue is set: the queue must reach it, not only a room it loads later.
        var before = await RoomListAsync(b, session.Id);
        var queue = before.Take(3).Append("not-in-the-catalog").ToArray();

        var stored = await (await a.PutAsJsonAsync($"/sessions/{session.Id}/queue", new { songIds = queue })).ReadAsync<SessionResponse>();

        Assert.Equal(queue, stored.Queue);
        Assert.Equal(queue, (await a.GetFromJsonAsync<SessionResponse>($"/sessions/{session.Id}"))!.Queue);
        var room = await RoomListAsync(a, session.Id);
        Assert.Equal(10, room.Count);
        Assert.Empty(room.Intersect(queue));
        foreach (var member in new[] { "u00004", "u00007" })
        {
            var list = (await a.GetFromJsonAsync<UserList>($"/recommendations/{member}?count=30&sessionId={session.Id}"))!.Items.Select(i => i.SongId);
            Assert.Empty(list.Intersect(queue));
        }
        var elsewhere = await WithinAsync(() => RoomListAsync(b, session.Id), list => !list.Intersect(queue).Any());
        Assert.Equal(room, elsewhere);

        (await a.PutAsJsonAsync($"/sessions/{session.Id}/queue", new { songIds = Array.Empty<string>() })).EnsureSuccessStatusCode();
        Assert.Equal(before, await WithinAsync(() => RoomListAsync(b, session.Id), list => list.Intersect(queue).Any()));
    }

    [Fact]
    public async Task AQueueTooLongOrWithABadIdIsABadRequestAndAnUnknownSessionA404()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();
        var session = await (await client.PostAsJsonAsync("/sessions", new { room = "room-02", userIds = new[] { "u00001" } })).ReadAsync<SessionResponse>();

        var tooLong = await (await client.PutAsJsonAsync($"/sessions/{session.Id}/queue", new { songIds = Enumerable.Range(0, 201).Select(i => $"s{i:D5}") }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 200", tooLong.ErrorsFor("songIds")[0]);
        var badId = await (await client.PutAsJsonAsync($"/sessions/{session.Id}/queue", new { songIds = new[] { "s00001", "../etc" } }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badId.ErrorsFor("songIds[1]"));
        await (await client.PutAsJsonAsync($"/sessions/{session.Id}/queue", new { })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsJsonAsync("/sessions/no-such-room/queue", new { songIds = new[] { "s00001" } })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<List<string>> RoomListAsync(HttpClient client, string sessionId) =>
        [.. (await client.GetFromJsonAsync<RoomList>($"/sessions/{sessionId}/recommendations?count=10"))!.Items.Select(i => i.SongId)];

    private static async Task<List<string>> WithinAsync(Func<Task<List<string>>> read, Func<List<string>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var list = await read();
            if (done(list) || DateTime.UtcNow > deadline) return list;
            await Task.Delay(200);
        }
    }
}
