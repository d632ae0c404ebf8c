using System.Net.Http.Json;
using KtvRec.Api.Feedback;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Serving;
using KtvRec.Api.Tests.Feedback;
using KtvRec.Api.Sessions;
using KtvRec.Api.Songs;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Domain.Storage;
using KtvRec.Training.ModelFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Recommendations;

/// <summary>A room's list, reasons and similar songs from a served model trained on a small simulated venue; the room's queue left out of each.</summary>
[Collection(HeavyTests.Name)]
public sealed class RoomRecommendationTests
{
    [Fact]
    public async Task AThreePersonRoomGetsOneListWithoutWhatItSangEachSongWithTheMembersItSuitsAndAReasonFromRealData()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "2"), SmallDemo.LenientGate));
        var (client, run) = await TrainAsync(app);
        using var model = ModelDirectory.Load(Path.Combine(app.DataDirectory, "models", run.Version));
        string[] members = ["u00001", "u00002", "u00003"];
        var session = await (await client.PostAsJsonAsync("/sessions", new { room = "room-07", userIds = members })).ReadAsync<SessionResponse>();
        var sung = model.Similarity.Ease.Songs.Where(s => model.Similarity.Ease.Of(s).Count(n => n.Weight > 0) >= 10).Take(2).ToList();
        foreach (var song in sung)
            (await client.PostAsJsonAsync("/events", new { type = "complete", userId = members[0], songId = song, sessionId = session.Id })).EnsureSuccessStatusCode();
        var sungArtists = await ArtistsAsync(client, sung);

        var list = (await client.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{session.Id}/recommendations?count=12"))!;

        Assert.Equal((Strategies.Group, run.Version), (list.Strategy, list.ModelVersion));
        Assert.Equal(members, list.Members.Order());
        Assert.Equal(12, list.Items.Count);
        Assert.DoesNotContain(list.Items, item => sung.Contains(item.SongId));
        foreach (var item in list.Items)
        {
            Assert.NotEmpty(item.Members!);
            Assert.All(item.Members!, member => Assert.Contains(member, members));
            Assert.NotEmpty(item.Reasons);
            foreach (var reason in item.Reasons) AssertTrue(reason, item, model, members, sungArtists);
        }
        // Every member is suited by some song on the list.
        Assert.All(members, member => Assert.Contains(list.Items, item => item.Members!.Contains(member)));
        Assert.Contains(list.Items, item => item.Reasons.Any(r => r.Kind == ReasonKinds.SimilarTo && r.MemberId is null && sung.Contains(r.SongId!)));
    }

    [Fact]
    public async Task ASongPickedFromARoomsListMovesThePickRateOfTheServingVersion()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "2"), SmallDemo.LenientGate));
        var (client, run) = await TrainAsync(app);
        var session = await (await client.PostAsJsonAsync("/sessions", new { room = "room-07", userIds = new[] { "u00004", "u00005" } })).ReadAsync<SessionResponse>();
        var list = (await client.GetFromJsonAsync<RoomRecommendationResponse>($"/sessions/{session.Id}/recommendations?count=4"))!;
        Assert.Null((await client.GetFromJsonAsync<ModelVersionResponse>("/models/current"))!.PickRate);

        await Jukebox.ShowAndPickAsync(client, "u00004", list.RecommendationId, list.Items.Select(i => i.SongId).ToList(), picked: 1);

        var serving = (await client.GetFromJsonAsync<ModelVersionResponse>("/models/current"))!;
        Assert.Equal(run.Version, serving.Version);
        Assert.Equal((4, 1, 0.25), (serving.PickRate!.Shown, serving.PickRate.Picked, serving.PickRate.Rate));
        Assert.Equal(PickRate.Of(4, 1), serving.PickRate.ByStrategy[Strategies.Group]);
    }

    [Fact]
    public async Task TheSongsSimilarToASongAreSongsItsSingersAlsoSang()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "2"), SmallDemo.LenientGate));
        var (client, run) = await TrainAsync(app);
        using var model = ModelDirectory.Load(Path.Combine(app.DataDirectory, "models", run.Version));
        var songId = model.Similarity.Walk.Songs.First(s => model.Similarity.Walk.Of(s).Count() >= 10);

        var similar = (await client.GetFromJsonAsync<SimilarSongsResponse>($"/songs/{songId}/similar?count=10"))!;

        Assert.Equal((songId, run.Version), (similar.SongId, similar.ModelVersion));
        Assert.Equal(10, similar.Items.Count);
        Assert.Equal(similar.Items.OrderByDescending(i => i.Similarity).Select(i => i.SongId), similar.Items.Select(i => i.SongId));
        Assert.DoesNotContain(similar.Items, item => item.SongId == songId);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        var singers = await db.Events.Where(e => e.SongId == songId).Select(e => e.UserId).Distinct().ToListAsync();
        foreach (var item in similar.Items)
            Assert.True(await db.Events.AnyAsync(e => e.SongId == item.SongId && singers.Contains(e.UserId)), $"nobody who sang {songId} sang {item.SongId}");
    }

    /// <summary>The small venue's first model, trained and serving.</summary>
    [Fact]
    public async Task QueuedSongsAreLeftOutOfAUsersListARoomsListAndSimilarSongsAndTheListsStayFull()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(SmallDemo.LenientGate));
        var (client, _) = await TrainAsync(app);

        var user = await SongsAsync<RecommendationResponse>(client, "/recommendations/u00004?count=10", r => r.Items);
        var queue = new[] { user[0], user[3], user[7] };
        var byQuery = await SongsAsync<RecommendationResponse>(client, $"/recommendations/u00004?count=10&exclude={queue[0]}&exclude={queue[1]},{queue[2]}", r => r.Items);
        var byBody = await SongsAsync<RecommendationResponse>(
            await client.PostAsJsonAsync("/recommendations/u00004?count=10", new { exclude = queue }), r => r.Items);

        Assert.Equal(10, byQuery.Count);
        Assert.Empty(byQuery.Intersect(queue));
        Assert.Equal(byQuery, byBody);
        // What was not queued keeps its order.
        Assert.Equal(user.Except(queue), byQuery.Where(user.Contains));

        var session = await (await client.PostAsJsonAsync("/sessions", new { room = "room-01", userIds = new[] { "u00004", "u00007" } }))
            .ReadAsync<SessionResponse>();
        var room = await SongsAsync<RoomRecommendationResponse>(client, $"/sessions/{session.Id}/recommendations?count=10", r => r.Items);
        var roomQueue = room.Take(4).ToArray();
        var roomWithQueue = await SongsAsync<RoomRecommendationResponse>(
            await client.PostAsJsonAsync($"/sessions/{session.Id}/recommendations?count=10", new { exclude = roomQueue }), r => r.Items);
        Assert.Equal(10, roomWithQueue.Count);
        Assert.Empty(roomWithQueue.Intersect(roomQueue));

        var song = user[0];
        var similar = (await client.GetFromJsonAsync<SimilarSongsResponse>($"/songs/{song}/similar?count=5"))!.Items.Select(i => i.SongId).ToList();
        var similarWithQueue = (await client.GetFromJsonAsync<SimilarSongsResponse>($"/songs/{song}/similar?count=5&exclude={similar[0]},{similar[1]}"))!
            .Items.Select(i => i.SongId).ToList();
        Assert.Equal(similar.Skip(2), similarWithQueue.Take(3));
    }

    private static async Task<(HttpClient Client, ModelVersionResponse Run)> TrainAsync(KtvRecApp app)
    {
        var client = app.CreateClient();
        var run = await TrainedVenue.RetrainAsync(client);
        Assert.True(run.Status == "active", $"{run.Status}: {run.Reason}");
        return (client, run);
    }

    /// <summary>A reason names data the service has: the song it is like leads to it, the member is in the room, the artist was sung.</summary>
    private static void AssertTrue(RecommendationReason reason, RecommendedSong item, TrainedModel model, string[] members, HashSet<string> sungArtists)
    {
        Assert.False(string.IsNullOrWhiteSpace(reason.Text));
        if (reason.MemberId is not null) Assert.Contains(reason.MemberId, members);
        switch (reason.Kind)
        {
            case ReasonKinds.SimilarTo:
                Assert.Contains(item.SongId, model.Similarity.Ease.Of(reason.SongId!).Concat(model.Similarity.Walk.Of(reason.SongId!)).Select(n => n.SongId));
                break;
            case ReasonKinds.SungBefore:
                Assert.NotNull(reason.MemberId);
                break;
            case ReasonKinds.RoomArtist:
                Assert.Equal(item.Artist, reason.Artist);
                Assert.Contains(reason.Artist!, sungArtists);
                break;
            case ReasonKinds.PopularInLanguage:
                Assert.Equal(item.Language, reason.Language);
                break;
            case ReasonKinds.FitsContext:
                Assert.Matches("^(hour|weekday|party_size)=", reason.Context!);
                break;
            default:
                Assert.Contains(reason.Kind, new[] { ReasonKinds.Popular, ReasonKinds.NotSungYet });
                break;
        }
    }

    private static async Task<HashSet<string>> ArtistsAsync(HttpClient client, IEnumerable<string> songIds)
    {
        var artists = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in songIds) artists.Add((await client.GetFromJsonAsync<SongResponse>($"/songs/{id}"))!.Artist);
        return artists;
    }

    private static async Task<List<string>> SongsAsync<T>(HttpClient client, string url, Func<T, IReadOnlyList<RecommendedSong>> items) =>
        items((await client.GetFromJsonAsync<T>(url))!).Select(i => i.SongId).ToList();

    private static async Task<List<string>> SongsAsync<T>(HttpResponseMessage response, Func<T, IReadOnlyList<RecommendedSong>> items) =>
        items(await response.ReadAsync<T>()).Select(i => i.SongId).ToList();
}
