using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using KtvRec.Training.Features;

namespace KtvRec.Training.Tests.Features;

public sealed class InteractionTests
{
    private static readonly DateTime Evening = new(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EventsBecomeLabelsPerUserSongAndSession()
    {
        var session = new RoomSession { Id = "r1", Room = "room-1", StartedAt = Evening, Members = [Member("a"), Member("b"), Member("c")] };
        var events = new List<VenueEvent>
        {
            Event(EventType.Play, "a", "s1"), Event(EventType.Complete, "a", "s1"),
            Event(EventType.Play, "a", "s2"), Event(EventType.Skip, "a", "s2", progress: 0.1),
            Event(EventType.Play, "b", "s3"), Event(EventType.Skip, "b", "s3", progress: 0.9),
            Event(EventType.Score, "b", "s4", score: 88), Event(EventType.Skip, "b", "s4", progress: 0.2),
            Event(EventType.Play, "c", "s5"),
        };

        var interactions = Interactions.From(new VenueSnapshot([], [], [session], events));

        Assert.Equal(
            [("a", "s1", true), ("a", "s2", false), ("b", "s4", true)],
            interactions.Select(i => (i.UserId, i.SongId, i.Enjoyed)).OrderBy(x => x.UserId).ThenBy(x => x.SongId));
        Assert.All(interactions, i => Assert.Equal(new PlayContext(20, DayOfWeek.Friday, 3), i.Context));
    }

    [Fact]
    public void AShownSongNobodyPickedIsAnExposureNegativeAndAPickedOneIsNot()
    {
        var session = new RoomSession { Id = "r1", Room = "room-1", StartedAt = Evening, Members = [Member("a")] };
        var events = new List<VenueEvent>
        {
            Event(EventType.Impression, "a", "s1"),
            Event(EventType.Impression, "a", "s2"), Event(EventType.Play, "a", "s2"), Event(EventType.Complete, "a", "s2"),
            Event(EventType.Impression, "a", "s3"), Event(EventType.Play, "a", "s3"),
        };

        var interactions = Interactions.From(new VenueSnapshot([], [], [session], events));

        Assert.Equal(
            [("s1", false), ("s2", true)],
            interactions.Select(i => (i.SongId, i.Enjoyed)).OrderBy(x => x.SongId));
    }

    private static RoomSessionMember Member(string user) => new() { SessionId = "r1", UserId = user };

    private static VenueEvent Event(EventType type, string user, string song, double? progress = null, double? score = null) =>
        new(type, user, song, "r1", Evening, progress, score);
}
