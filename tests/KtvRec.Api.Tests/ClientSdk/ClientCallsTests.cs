using System.Net;
using KtvRec.Client;
using KtvRec.Client.Models;

namespace KtvRec.Api.Tests.ClientSdk;

/// <summary>Every typed call against the real service: what it sends is what the service takes, what comes back is read whole.</summary>
public sealed class ClientCallsTests : ApiTest
{
    [Fact]
    public async Task TheCatalogSingersAndSessionsRoundTrip()
    {
        var api = new KtvRecClient(Client);

        var put = await api.PutSongAsync("c1", new SongEntry(null, "Moonlight", "Kamei", "Mandarin", "Ballad", 2004, 245, ["slow"]));
        var import = await api.ImportSongsAsync([new SongEntry("c2", "Rain", "Rose", "English", "Pop"), new SongEntry("c3", "Sun", "Rose", "English", "Pop")]);
        var user = await api.PutUserAsync("alice", new UserProfile(1990, "female", "HK", ["Cantonese"]));
        var session = await api.StartSessionAsync(new StartSession("room1-tonight", "Room 1", ["alice"], DateTimeOffset.UtcNow.AddMinutes(-5)));
        var ended = await api.EndSessionAsync("room1-tonight");

        Assert.Equal(("c1", "Moonlight", 2004, 245), (put.Id, put.Title, put.ReleaseYear, put.DurationSeconds));
        Assert.Equal(new CatalogImport(2, 0, 0), import);
        Assert.Equal("Rose", (await api.GetSongAsync("c2"))!.Artist);
        Assert.Equal(2, (await api.ListSongsAsync(artist: "rose")).Total);
        Assert.Null(await api.GetSongAsync("no-such-song"));
        Assert.Equal(["Cantonese"], user.PreferredLanguages);
        Assert.Equal(1990, (await api.GetUserAsync("alice"))!.BirthYear);
        Assert.Null(await api.GetUserAsync("nobody"));
        Assert.Equal(["alice"], session.UserIds);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal("Room 1", (await api.GetSessionAsync("room1-tonight"))!.Room);
    }

    [Fact]
    public async Task EventsAndListsGoThroughAndARefusalCarriesTheServicesProblem()
    {
        var api = new KtvRecClient(Client);
        await api.ImportSongsAsync([.. Enumerable.Range(1, 5).Select(i => new SongEntry($"s{i}", $"Song {i}", $"Artist {i}", "English", "Pop"))]);
        await api.StartSessionAsync(new StartSession("room2", "Room 2", ["bob", "carol"]));

        var stored = await api.SendEventsAsync([
            new PlayEvent(EventType.Play, "bob", "s1", "room2", EventId: "e1"),
            new PlayEvent(EventType.Score, "bob", "s1", "room2", Score: 88, EventId: "e2"),
            new PlayEvent(EventType.Skip, "carol", "s2", "room2", Progress: 0.2, EventId: "e3"),
        ]);
        var again = await api.SendEventsAsync([new PlayEvent(EventType.Play, "bob", "s1", "room2", EventId: "e1")]);
        var list = await api.RecommendAsync("bob", count: 3, sessionId: "room2", discovery: true);
        var room = await api.RecommendForRoomAsync("room2", count: 3);
        var queued = await api.RecommendForRoomAsync("room2", count: 3, exclude: [room.Items[0].SongId]);
        var similar = await api.SimilarSongsAsync("s1");
        var refused = await Assert.ThrowsAsync<KtvRecApiException>(() => api.SendEventsAsync([
            new PlayEvent(EventType.Play, "bob", "s1"), new PlayEvent(EventType.Play, "bob", "no-such-song")]));
        var missingRoom = await Assert.ThrowsAsync<KtvRecApiException>(() => api.RecommendForRoomAsync("no-such-room"));

        Assert.Equal(new IngestResult(3, 0), stored);
        Assert.Equal(new IngestResult(0, 1), again);
        Assert.Equal("bob", list.UserId);
        Assert.InRange(list.Items.Count, 1, 3);
        Assert.DoesNotContain(list.Items, item => item.SongId == "s1");
        Assert.All(list.Items, item => Assert.NotEmpty(item.Reasons));
        Assert.Equal(["bob", "carol"], room.Members.Order());
        Assert.DoesNotContain(queued.Items, item => item.SongId == room.Items[0].SongId);
        Assert.Equal("s1", similar.SongId);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(refused.Problem!.Errors!.Keys, key => key.StartsWith("events[1]", StringComparison.Ordinal));
        Assert.Contains("events[1]", refused.Message);
        Assert.Equal(HttpStatusCode.NotFound, missingRoom.Status);
    }
}
