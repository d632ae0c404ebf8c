using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Tests.Retraining;
using CatalogPage = KtvRec.Api.Validation.Page<KtvRec.Api.Songs.SongResponse>;
using SessionResponse = KtvRec.Api.Sessions.SessionResponse;

namespace KtvRec.Api.Tests.Recommendations;

public sealed class FilteredListTests
{
    /// <summary>The small venue's first model, trained and serving.</summary>
    [Fact]
    public async Task AFilteredListHoldsOnlyMatchingSongsRankedByTheModelForThatUserAndARareFilterGivesThemAll()
    {
        var (app, client) = await TrainedVenue.ServingAsync();
        await using var _ = app;
        var catalog = (await client.GetFromJsonAsync<CatalogPage>("/songs?limit=500"))!.Items;
        // Not the venue's main language: a tab most of the user's unfiltered list is not in.
        var language = catalog.GroupBy(s => s.Language).OrderByDescending(g => g.Count()).Skip(1).First().Key;

        var all = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/u00004?count=100");
        var tab = await client.GetFromJsonAsync<RecommendationResponse>($"/recommendations/u00004?count=10&language={language.ToUpperInvariant()}");

        Assert.Equal(Strategies.DeepFm, tab!.Strategy);
        Assert.Equal(10, tab.Items.Count);
        Assert.All(tab.Items, item => Assert.Equal(language, item.Language));
        Assert.Equal(catalog.Count(s => s.Language == language), tab.MatchingSongs);
        Assert.Null(all!.MatchingSongs);
        // The same model's probabilities for this user, and the order the unfiltered list gives the same songs.
        var scores = all.Items.ToDictionary(i => i.SongId, i => i.Score);
        var shared = tab.Items.Select(i => i.SongId).Where(scores.ContainsKey).ToList();
        Assert.True(shared.Count >= 5, $"only {shared.Count} of the tab's songs are on the unfiltered list of 100");
        Assert.All(shared, id => Assert.Equal(scores[id], tab.Items.Single(i => i.SongId == id).Score, 5));
        Assert.True(Concordance(shared, [.. all.Items.Select(i => i.SongId).Where(shared.Contains)]) >= 0.8);

        // An artist with three songs or fewer: a new guest (nothing sung, nothing left out) gets all of them, and is told so.
        var rare = catalog.GroupBy(s => s.Artist).Where(g => g.Count() <= 3).OrderBy(g => g.Key, StringComparer.Ordinal).First();
        var few = await client.GetFromJsonAsync<RecommendationResponse>($"/recommendations/first-visit?count=20&artist={Uri.EscapeDataString(rare.Key)}");
        Assert.Equal(rare.Count(), few!.MatchingSongs);
        Assert.Equal(rare.Select(s => s.Id).Order(), few.Items.Select(i => i.SongId).Order());

        // A room's list and similar songs take the same filters.
        var session = await (await client.PostAsJsonAsync("/sessions", new { room = "room-01", userIds = new[] { "u00004", "u00007" } })).ReadAsync<SessionResponse>();
        var duets = await client.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{session.Id}/recommendations?count=5&tag=duet&decade=2000s,2010");
        Assert.Equal(catalog.Count(s => s.Tags.Contains("duet") && s.ReleaseYear is >= 2000 and < 2020), duets!.MatchingSongs);
        Assert.NotEmpty(duets.Items);
        Assert.All(duets.Items, item => Assert.True(item.Tags.Contains("duet") && item.ReleaseYear is >= 2000 and < 2020, item.SongId));
        var similar = await client.GetFromJsonAsync<SimilarSongsResponse>($"/songs/{all.Items[0].SongId}/similar?count=5&language={language}");
        Assert.All(similar!.Items, item => Assert.Equal(language, item.Language));
    }

    [Fact]
    public async Task WithoutAModelTheFilterKeepsThePopularOrderAndAValueNoSongHasIsABadRequestNamingTheParameter()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();
        var catalog = (await client.GetFromJsonAsync<CatalogPage>("/songs?limit=500"))!.Items;
        var genre = catalog[0].Genre;

        var all = await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/first-visit?count=100");
        var tab = await client.GetFromJsonAsync<RecommendationResponse>($"/recommendations/first-visit?count=10&genre={genre}");

        Assert.Equal(Strategies.ColdStart, tab!.Strategy);
        Assert.All(tab.Items, item => Assert.Equal(genre, item.Genre));
        Assert.Equal(Math.Min(10, catalog.Count(s => s.Genre == genre)), tab.Items.Count);
        // The genre's most popular song leads (variety may move the rest, as on the unfiltered list).
        Assert.Equal(all!.Items.First(i => i.Genre == genre).SongId, tab.Items[0].SongId);

        var unknown = await (await client.GetAsync("/recommendations/u00004?language=Klingon&decade=1994&decade=1890s")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'1994' is not a decade", unknown.ErrorsFor("decade")[0]);
        var unsung = await (await client.GetAsync("/recommendations/u00004?language=Klingon&tag=yodel")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no song in the catalog has language 'Klingon'", unsung.ErrorsFor("language")[0]);
        Assert.Contains("tag 'yodel'", unsung.ErrorsFor("tag")[0]);
        var noDecade = await (await client.GetAsync("/sessions/none/recommendations?decade=1890s")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("1890s", noDecade.ErrorsFor("decade")[0]);
        await (await client.GetAsync($"/songs/{catalog[0].Id}/similar?artist=Nobody%20At%20All")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    /// <summary>The small venue's first model, trained and serving; a room of three, two of whom sing together.</summary>
    [Fact]
    public async Task DuetsAreDuetSongsBothMembersLikeRankedByTheLessKeenWithEachMembersReason()
    {
        var (app, client) = await TrainedVenue.ServingAsync();
        await using var _ = app;
        var duetSongs = (await client.GetFromJsonAsync<CatalogPage>("/songs?limit=500"))!.Items.Where(s => s.Tags.Contains("duet")).Select(s => s.Id).ToHashSet();
        var room = await StartAsync(client, "u00004", "u00007", "u00009");

        var duets = await client.GetFromJsonAsync<DuetResponse>($"/sessions/{room}/duets?members=u00007,u00004&count=5");

        Assert.Equal((Strategies.Duet, duetSongs.Count), (duets!.Strategy, duets.MatchingSongs));
        Assert.Equal(["u00007", "u00004"], duets.Members);
        Assert.Equal(5, duets.Items.Count);
        Assert.All(duets.Items, item => Assert.Contains(item.SongId, duetSongs));
        Assert.Equal(duets.Items.Select(i => i.Score).OrderDescending(), duets.Items.Select(i => i.Score));
        foreach (var (member, index) in new[] { ("u00007", 0), ("u00004", 1) })
        {
            // Each member's score and reason are those of their own list of duets in this room.
            var own = (await client.GetFromJsonAsync<RecommendationResponse>($"/recommendations/{member}?count=100&tag=duet&sessionId={room}"))!
                .Items.ToDictionary(i => i.SongId);
            Assert.All(duets.Items, item =>
            {
                var fit = item.Fits[index];
                Assert.Equal((member, own[item.SongId].Score, own[item.SongId].Reasons[0].Kind), (fit.MemberId, fit.Score, fit.Reason.Kind));
            });
        }
        Assert.All(duets.Items, item => Assert.Equal(item.Fits.Min(f => f.Score), item.Score));

        var pair = await StartAsync(client, "u00011", "u00012");
        Assert.Equal(["u00011", "u00012"], (await client.GetFromJsonAsync<DuetResponse>($"/sessions/{pair}/duets"))!.Members);
        Assert.NotEmpty((await (await client.GetAsync($"/sessions/{room}/duets")).AssertProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("members"));
        var stranger = await (await client.GetAsync($"/sessions/{room}/duets?members=u00004&members=u00099")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'u00099' is not in session", stranger.ErrorsFor("members")[0]);
        await (await client.GetAsync("/sessions/nowhere/duets?members=a,b")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<string> StartAsync(HttpClient client, params string[] userIds) =>
        (await (await client.PostAsJsonAsync("/sessions", new { room = "room-05", userIds })).ReadAsync<KtvRec.Api.Sessions.SessionResponse>()).Id;

    /// <summary>The share of pairs two orders of the same items agree on (1: the same order).</summary>
    private static double Concordance(IReadOnlyList<string> order, IReadOnlyList<string> other)
    {
        var place = other.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        int agree = 0, pairs = 0;
        for (var i = 0; i < order.Count; i++)
        {
            for (var j = i + 1; j < order.Count; j++, pairs++)
            {
                if (place[order[i]] < place[order[j]]) agree++;
            }
        }
        return (double)agree / pairs;
    }
}
