using KtvRec.Domain.Simulation;

namespace KtvRec.Domain.Tests.Simulation;

public sealed class VenueSimulatorTests
{
    private static readonly SimulationOptions Small = new() { Seed = 7, Songs = 400, Artists = 60, Users = 60, Sessions = 120 };

    [Fact]
    public void TheSameSeedGivesTheSameVenue()
    {
        var first = VenueSimulator.Generate(Small);
        var second = VenueSimulator.Generate(Small);

        Assert.Equal(first.Songs, second.Songs, SimulatedSongComparer.Instance);
        Assert.Equal(first.Users.Select(u => (u.Id, u.BirthYear, u.Region)), second.Users.Select(u => (u.Id, u.BirthYear, u.Region)));
        Assert.Equal(first.Events, second.Events);
    }

    [Fact]
    public void AnotherSeedGivesAnotherVenue()
    {
        var first = VenueSimulator.Generate(Small);
        var other = VenueSimulator.Generate(Small with { Seed = 8 });

        Assert.NotEqual(first.Events.Select(e => e.SongId), other.Events.Select(e => e.SongId));
    }

    [Fact]
    public void EveryEventBelongsToTheVenueAndItsSession()
    {
        var venue = VenueSimulator.Generate(Small);
        var songs = venue.Songs.Select(s => s.Id).ToHashSet();
        var sessions = venue.Sessions.ToDictionary(s => s.Id);

        Assert.True(venue.Events.Count > 2_000, $"only {venue.Events.Count} events");
        Assert.Equal(venue.Events.Count, venue.Events.Select(e => e.EventId).Distinct().Count());
        foreach (var e in venue.Events)
        {
            Assert.Contains(e.SongId, songs);
            var session = sessions[e.SessionId];
            Assert.Contains(e.UserId, session.UserIds);
            Assert.InRange(e.OccurredAt, session.StartedAt, session.EndedAt);
        }
        Assert.All(venue.Sessions, s => Assert.InRange(s.UserIds.Count, 1, 8));
        Assert.All(venue.Events.Where(e => e.Type == "skip"), e => Assert.InRange(e.Progress!.Value, 0, 1));
        Assert.All(venue.Events.Where(e => e.Type == "score"), e => Assert.InRange(e.Score!.Value, 0, 100));
    }

    [Fact]
    public void OutcomesFollowTheOraclesTrueProbability()
    {
        var venue = VenueSimulator.Generate(Small);
        var outcomes = Outcomes(venue).ToList();

        var likely = outcomes.Where(o => o.Probability > 0.7).ToList();
        var unlikely = outcomes.Where(o => o.Probability < 0.3).ToList();
        Assert.NotEmpty(likely);
        Assert.NotEmpty(unlikely);
        Assert.InRange(likely.Average(o => o.Completed ? 1.0 : 0.0), 0.7, 1.0);
        Assert.InRange(unlikely.Average(o => o.Completed ? 1.0 : 0.0), 0.0, 0.3);
    }

    [Fact]
    public void TheOracleDependsOnTheContext()
    {
        var venue = VenueSimulator.Generate(Small);
        var user = venue.Users[0].Id;
        var differs = venue.Songs.Any(song =>
            Math.Abs(venue.Oracle.TrueProbability(user, song.Id, new PlayContext(20, DayOfWeek.Tuesday, 1))
                     - venue.Oracle.TrueProbability(user, song.Id, new PlayContext(20, DayOfWeek.Tuesday, 8))) > 0.05);

        Assert.True(differs);
        Assert.Throws<KeyNotFoundException>(() => venue.Oracle.TrueProbability("nobody", venue.Songs[0].Id, new PlayContext(20, DayOfWeek.Monday, 2)));
    }

    private static IEnumerable<(double Probability, bool Completed)> Outcomes(SimulatedVenue venue)
    {
        var partySizes = venue.Sessions.ToDictionary(s => s.Id, s => s.UserIds.Count);
        var plays = venue.Events.Where(e => e.Type == "play");
        var completed = venue.Events.Where(e => e.Type == "complete").Select(e => (e.SessionId, e.SongId)).ToHashSet();
        return plays.Select(play => (
            venue.Oracle.TrueProbability(play.UserId, play.SongId,
                new PlayContext(play.OccurredAt.Hour, play.OccurredAt.DayOfWeek, partySizes[play.SessionId])),
            completed.Contains((play.SessionId, play.SongId))));
    }

    private sealed class SimulatedSongComparer : IEqualityComparer<SimulatedSong>
    {
        public static readonly SimulatedSongComparer Instance = new();

        public bool Equals(SimulatedSong? x, SimulatedSong? y) =>
            x is not null && y is not null && x with { Tags = [] } == y with { Tags = [] } && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(SimulatedSong obj) => obj.Id.GetHashCode();
    }
}
