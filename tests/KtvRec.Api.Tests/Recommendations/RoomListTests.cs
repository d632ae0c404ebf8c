using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Sessions;
using KtvRec.Api.Songs;

namespace KtvRec.Api.Tests.Recommendations;

/// <summary>A room's list and the reasons on every list, before any model serves: popularity in the room's languages.</summary>
public sealed class RoomListTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        SongEntry Song(int i, string language) =>
            new($"s{i}", $"Title {i}", $"Artist {i}", language, "Ballad", 1990 + i, 200 + i, ["duet", "slow"]);
        var songs = Enumerable.Range(0, 6).Select(i => Song(i, "Mandarin")).Concat(Enumerable.Range(6, 6).Select(i => Song(i, "Cantonese"))).ToList();
        (await Client.PostAsJsonAsync("/songs/batch", songs)).EnsureSuccessStatusCode();
        (await Client.PutAsJsonAsync("/users/ann", new { preferredLanguages = new[] { "Cantonese" } })).EnsureSuccessStatusCode();
        (await Client.PutAsJsonAsync("/users/bob", new { preferredLanguages = new[] { "Mandarin" } })).EnsureSuccessStatusCode();
        // Every song but the last of each language was sung yesterday, the lower numbers more often.
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        var events = songs.Where(s => s.Id is not ("s5" or "s11")).SelectMany((song, i) => Enumerable.Range(0, 12 - i).Select(n =>
            (object)new { type = "complete", userId = $"fan{n}", songId = song.Id, timestamp = yesterday.AddMinutes(10 * i + n) }));
        (await Client.PostAsJsonAsync("/events", new { events = events.ToArray() })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task ARoomGetsOneListWithoutWhatItSangEachSongForTheMembersWhoPreferItsLanguageAndSayingWhy()
    {
        var session = await (await Client.PostAsJsonAsync("/sessions", new { room = "room-07", userIds = new[] { "ann", "bob", "cat" } }))
            .ReadAsync<SessionResponse>();
        (await Client.PostAsJsonAsync("/events", new { type = "complete", userId = "ann", songId = "s6", sessionId = session.Id })).EnsureSuccessStatusCode();

        var list = (await Client.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{session.Id}/recommendations?count=11"))!;

        Assert.Equal(Strategies.Popularity, list.Strategy);
        Assert.Equal(GroupStrategies.AverageWithoutMisery, list.GroupStrategy);
        Assert.Equal(["ann", "bob", "cat"], list.Members.Order());
        Assert.Equal(11, list.Items.Count);
        Assert.DoesNotContain(list.Items, item => item.SongId == "s6");
        var s7 = list.Items.Single(item => item.SongId == "s7");
        Assert.Equal(["ann"], s7.Members);
        Assert.Equal(new RecommendationReason(ReasonKinds.PopularInLanguage, "Popular in Cantonese here in the last 30 days", Language: "Cantonese"), s7.Reasons[0]);
        Assert.Equal(["bob"], list.Items.Single(item => item.SongId == "s1").Members);
        // Nobody has sung s5 or s11: said so, not called popular.
        Assert.Equal(ReasonKinds.NotSungYet, list.Items.Single(item => item.SongId == "s11").Reasons[0].Kind);
    }

    [Fact]
    public async Task EverySongOnAUsersListCarriesWhatAScreenShowsAndAReason()
    {
        var list = (await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/bob?count=3"))!;

        var first = list.Items[0];
        Assert.Equal(("s0", "Ballad", 1990, 200), (first.SongId, first.Genre, first.ReleaseYear, first.DurationSeconds));
        Assert.Equal(["duet", "slow"], first.Tags);
        Assert.Equal(new RecommendationReason(ReasonKinds.PopularInLanguage, "Popular in Mandarin here in the last 30 days", Language: "Mandarin"), first.Reasons.Single());
        Assert.All(list.Items, item => Assert.NotEmpty(item.Reasons));
    }

    [Fact]
    public async Task AnUnknownSessionOrSongIsA404AndABadCountSaysSo()
    {
        await (await Client.GetAsync("/sessions/nope/recommendations")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/songs/nope/similar")).AssertProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await Client.GetAsync("/sessions/nope/recommendations?count=0")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("count"));
    }

    [Fact]
    public async Task ASongWithoutAServingModelHasNoSimilarSongsYet()
    {
        var similar = (await Client.GetFromJsonAsync<SimilarSongsResponse>("/songs/s0/similar"))!;

        Assert.Null(similar.ModelVersion);
        Assert.Empty(similar.Items);
    }
}
