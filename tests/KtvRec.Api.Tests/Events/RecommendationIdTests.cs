using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Events;
using KtvRec.Api.Feedback;
using KtvRec.Api.Recommendations;
using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Events;

public sealed class RecommendationIdTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2", "s3");
    }

    [Fact]
    public async Task ImpressionsAndPicksEchoingAListsIdAreStoredWithIt()
    {
        var list = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice?count=3"))!;
        var shown = list.Items.Select(i => i.SongId).ToList();
        var events = shown.Select(song => new { type = "impression", userId = "alice", songId = song, recommendationId = list.RecommendationId })
            .Append(new { type = "play", userId = "alice", songId = shown[0], recommendationId = list.RecommendationId });

        var response = await Client.PostAsJsonAsync("/events", new { events });

        Assert.Equal(new IngestResponse(4, 0), await response.ReadAsync<IngestResponse>());
        await using var scope = App.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<KtvDbContext>().Events.AsNoTracking().ToListAsync();
        Assert.Equal(3, stored.Count(e => e.Type == EventType.Impression));
        Assert.All(stored, e => Assert.Equal(list.RecommendationId, e.RecommendationId));
        var issued = App.Services.GetRequiredService<RecommendationIds>().Read(list.RecommendationId);
        Assert.Equal((list.Strategy, list.ModelVersion), (issued!.Strategy, issued.ModelVersion));
    }

    [Fact]
    public async Task EveryListHasItsOwnId()
    {
        var first = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice"))!;
        var second = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice"))!;

        Assert.NotEqual(first.RecommendationId, second.RecommendationId);
    }

    [Theory]
    [InlineData("made-up")]
    [InlineData("")]
    [InlineData("bm90LmEuaWQ.AAAAAAAAAAAA")]
    public async Task AnIdThisServiceDidNotIssueIsRefusedNamingTheField(string id)
    {
        var response = await Client.PostAsJsonAsync("/events", new { events = new[]
        {
            new { type = "play", userId = "alice", songId = "s1", recommendationId = (string?)null },
            new { type = "impression", userId = "alice", songId = "s2", recommendationId = (string?)id },
        } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("recommendation", Assert.Single(problem.ErrorsFor("events[1].recommendationId")));
    }

    [Fact]
    public async Task AnIdWithOneCharacterChangedIsRefused()
    {
        var id = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice"))!.RecommendationId;
        var altered = (id[0] == 'A' ? 'B' : 'A') + id[1..];

        var response = await Client.PostAsJsonAsync("/events", new { type = "impression", userId = "alice", songId = "s1", recommendationId = altered });

        Assert.NotEmpty((await response.AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recommendationId"));
    }

    [Fact]
    public async Task AnIdIsBoundToItsUserOrRoomAndToItsLifetime()
    {
        var alices = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/alice"))!.RecommendationId;
        (await Client.PostAsJsonAsync("/sessions", new { sessionId = "room9", room = "Room 9", userIds = new[] { "alice", "bob" } })).EnsureSuccessStatusCode();
        var rooms = (await Client.GetFromJsonAsync<RoomRecommendationResponse>("/sessions/room9/recommendations"))!.RecommendationId;
        async Task<HttpResponseMessage> Quote(string id, string user, string? session = null, DateTimeOffset? at = null) =>
            await Client.PostAsJsonAsync("/events", new { type = "impression", userId = user, songId = "s1", sessionId = session, timestamp = at, recommendationId = id });

        Assert.Equal(HttpStatusCode.OK, (await Quote(alices, "alice")).StatusCode);
        Assert.Contains("another user's list", Assert.Single((await (await Quote(alices, "bob")).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recommendationId")));
        Assert.Equal(HttpStatusCode.OK, (await Quote(rooms, "bob", "room9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Quote(rooms, "bob")).StatusCode);
        (await Client.PostAsJsonAsync("/sessions", new { sessionId = "room8", room = "Room 8", userIds = new[] { "bob" } })).EnsureSuccessStatusCode();
        Assert.Contains("another room session", Assert.Single((await (await Quote(rooms, "bob", "room8")).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recommendationId")));
        // A day later a jukebox's outbox may still deliver (the event keeps its time); an event from a day after the list may not quote it.
        Assert.Contains("24 hours", Assert.Single((await (await Quote(alices, "alice", at: DateTimeOffset.UtcNow.AddHours(25))).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recommendationId")));
        Assert.NotEmpty((await (await Quote(alices, "alice", at: DateTimeOffset.UtcNow.AddHours(-1))).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recommendationId"));
    }

    [Fact]
    public void AnIdFromBeforeIdsWereBoundIsStillReadAndBindsNoOne()
    {
        var issued = new IssuedList(DateTime.UtcNow, Strategies.Popularity, null);

        Assert.Null(issued.Refuses("anyone", null, DateTime.UtcNow, TimeSpan.FromHours(24)));
        Assert.NotNull(issued.Refuses("anyone", null, DateTime.UtcNow.AddDays(2), TimeSpan.FromHours(24)));
    }
}
