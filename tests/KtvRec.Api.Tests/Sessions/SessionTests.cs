using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Sessions;
using KtvRec.Api.Validation;

namespace KtvRec.Api.Tests.Sessions;

public sealed class SessionTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2");
    }

    [Fact]
    public async Task ASessionStartsCountsWhatWasStartedCompletedAndSkippedAndEnds()
    {
        var startedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var start = await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice", "bob"], startedAt));
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);

        var stored = await Client.PostAsJsonAsync("/events", new
        {
            events = new object[]
            {
                new { type = "play", userId = "alice", songId = "s1", sessionId = "night-1" },
                new { type = "complete", userId = "alice", songId = "s1", sessionId = "night-1" },
                new { type = "score", userId = "alice", songId = "s1", sessionId = "night-1", score = 88 },
                new { type = "skip", userId = "bob", songId = "s2", sessionId = "night-1" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var end = await Client.PostAsJsonAsync("/sessions/night-1/end", new EndSessionRequest());

        var session = await end.ReadAsync<SessionResponse>();
        Assert.Equal(["alice", "bob"], session.UserIds);
        Assert.Equal((1, 1, 1), (session.SongsStarted, session.SongsCompleted, session.SongsSkipped));
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

    [Fact]
    public async Task AnEndedSessionCannotBeStartedAgainButTakesItsLateEventsAndRefusesLaterOnes()
    {
        var startedAt = DateTimeOffset.UtcNow.AddHours(-3);
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice"], startedAt));
        await Client.PostAsJsonAsync("/sessions/night-1/end", new EndSessionRequest(startedAt.AddHours(2)));

        var again = await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice"]));
        var late = await Client.PostAsJsonAsync("/events", new { type = "complete", userId = "alice", songId = "s1", sessionId = "night-1", timestamp = startedAt.AddHours(1) });
        var after = await Client.PostAsJsonAsync("/events", new { type = "complete", userId = "alice", songId = "s2", sessionId = "night-1" });

        Assert.Contains("ended at", (await again.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("ended at", (await after.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("sessionId")[0]);
        Assert.Equal(1, (await Client.GetFromJsonAsync<SessionResponse>("/sessions/night-1"))!.SongsCompleted);
    }

    [Fact]
    public async Task TheSessionsListShowsOpenOrEndedRoomsNewestFirstInPages()
    {
        var now = DateTimeOffset.UtcNow;
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("early", "room-01", ["alice"], now.AddHours(-5)));
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("middle", "room-02", ["bob"], now.AddHours(-3)));
        await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("late", "room-03", ["cat"], now.AddHours(-1)));
        await Client.PostAsJsonAsync("/sessions/early/end", new EndSessionRequest(now.AddHours(-4)));

        var all = await Client.GetFromJsonAsync<Page<SessionResponse>>("/sessions?limit=2");
        var open = await Client.GetFromJsonAsync<Page<SessionResponse>>("/sessions?status=open");
        var ended = await Client.GetFromJsonAsync<Page<SessionResponse>>("/sessions?status=ended");
        var bad = await Client.GetAsync("/sessions?status=closed");

        Assert.Equal(3, all!.Total);
        Assert.Equal(["late", "middle"], all.Items.Select(s => s.Id));
        Assert.Equal(["late", "middle"], open!.Items.Select(s => s.Id));
        Assert.Equal(["early"], ended!.Items.Select(s => s.Id));
        Assert.NotEmpty((await bad.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("status"));
    }
}
