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
}
