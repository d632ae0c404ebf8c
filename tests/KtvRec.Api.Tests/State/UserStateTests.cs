using KtvRec.Api.State;
using KtvRec.Domain.Events;

namespace KtvRec.Api.Tests.State;

public sealed class UserStateTests
{
    private static readonly DateTime Noon = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EventsKeepTheirOrderInWhateverOrderTheyArriveAndOneSeenTwiceCountsOnce()
    {
        var state = new UserState();
        state.Apply(Listen("b", EventType.Complete, Noon.AddHours(-1)));
        state.Apply(Listen("a", EventType.Complete, Noon));
        state.Apply(Listen("c", EventType.Like, Noon.AddHours(-2)));
        // The same event again, as ingest and the feed both deliver it, and a play (not enjoyed).
        state.Apply(Listen("a", EventType.Complete, Noon));
        state.Apply(Listen("d", EventType.Play, Noon));

        var reading = state.Read(Noon.AddMinutes(-90));

        Assert.Equal(["a", "b", "c"], reading.History);
        Assert.Equal(["a", "b"], reading.RecentlySung.Order());
        Assert.Equal(["a", "b", "d"], state.Played().Order());
    }

    [Fact]
    public void ASongEnjoyedSeveralWaysInOneSessionCountsOnceAndAgainInTheNext()
    {
        var state = new UserState();
        // Tonight: sung to the end, then scored and liked; "b" after it. Last week's session: "a" once more.
        state.Apply(Listen("a", EventType.Score, Noon.AddMinutes(4), "tonight", score: 90));
        state.Apply(Listen("a", EventType.Complete, Noon.AddMinutes(3), "tonight"));
        state.Apply(Listen("a", EventType.Like, Noon.AddMinutes(5), "tonight"));
        state.Apply(Listen("b", EventType.Complete, Noon.AddMinutes(8), "tonight"));
        state.Apply(Listen("a", EventType.Complete, Noon.AddDays(-7), "last-week"));

        var reading = state.Read(Noon);

        // As training counts them (Listening.Occasion): once per session, at its first enjoyed event.
        Assert.Equal(["b", "a", "a"], reading.History);
        Assert.Equal(["a", "b"], reading.RecentlySung.Order());
    }

    [Fact]
    public void OnlyTheNewestEnjoyedEventsAndPlayedSongsAreKept()
    {
        var state = new UserState();
        for (var i = 0; i < UserState.MaxPlayed + 200; i++) state.Apply(Listen($"s{i}", EventType.Complete, Noon.AddMinutes(i)));

        var history = state.Read(Noon).History;

        Assert.Equal(UserState.MaxEnjoyed, history.Count);
        Assert.Equal($"s{UserState.MaxPlayed + 199}", history[0]);
        var played = state.Played();
        Assert.InRange(played.Count, UserState.MaxPlayed, UserState.MaxPlayed * 11 / 10);
        Assert.Contains($"s{UserState.MaxPlayed + 199}", played);
        Assert.DoesNotContain("s0", played);
    }

    private static Listen Listen(string songId, EventType type, DateTime at, string? session = null, double? score = null) =>
        new("u", songId, type, at, session, score);
}
