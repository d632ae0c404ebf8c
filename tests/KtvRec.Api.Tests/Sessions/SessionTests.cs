using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Sessions;

namespace KtvRec.Api.Tests.Sessions;

public sealed class SessionTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1");
    }

    [Fact]
    public async Task ASessionStartsRecordsSongsAndEnds()
    {
        var startedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var start = await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice", "bob"], startedAt));
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);

        await Client.PostAsJsonAsync("/events", new { type = "play", userId = "alice", songId = "s1", sessionId = "night-1" });
        var end = await Client.PostAsJsonAsync("/sessions/night-1/end", new EndSessionRequest());

        var session = await end.ReadAsync<SessionResponse>();
        Assert.Equal(["alice", "bob"], session.UserIds);
        Assert.Equal(1, session.SongsPlayed);
        Assert.NotNull(session.EndedAt);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/users/bob")).StatusCode);
    }

    [Fact]
    public async Task StartingTheSameSessionAgainReturnsIt()
    {
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice"]));

        var again = await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice"]));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("night-1", (await again.ReadAsync<SessionResponse>()).Id);
    }

    [Fact]
    public async Task ASessionWithoutIdGetsOne()
    {
        var start = await Client.PostAsJsonAsync("/sessions", new StartSessionRequest(null, "room-01", ["alice"]));

        var session = await start.ReadAsync<SessionResponse>();
        Assert.False(string.IsNullOrEmpty(session.Id));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/sessions/{session.Id}")).StatusCode);
    }

    [Fact]
    public async Task ASessionNeedsARoomAndSomeone()
    {
        var response = await Client.PostAsJsonAsync("/sessions", new { sessionId = "x" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("room"));
        Assert.NotEmpty(problem.ErrorsFor("userIds"));
    }

    [Fact]
    public async Task EndingBeforeTheStartIsRejectedAndEndingAnUnknownSessionIsNotFound()
    {
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice"], DateTimeOffset.UtcNow));

        var early = await Client.PostAsJsonAsync("/sessions/night-1/end", new EndSessionRequest(DateTimeOffset.UtcNow.AddDays(-2)));
        var unknown = await Client.PostAsJsonAsync("/sessions/nope/end", new EndSessionRequest());

        Assert.NotEmpty((await early.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("endedAt"));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
