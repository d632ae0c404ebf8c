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

    private static Listen Listen(string songId, EventType type, DateTime at) => new("u", songId, type, at, null);
}
