using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Songs;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Evaluation;

public sealed class HeldOutUsersTests
{
    [Fact]
    public void TheUsersThatChooseEpochsThoseThatChooseLambdaAndThoseTheGateJudgesNeverOverlap()
    {
        var venue = VenueHistory.From(SmallVenue.Snapshot);

        var held = HeldOutUsers.Split(venue, new HeldOutOptions(EpochUsers: 10, WeightUsers: 20, GateUsers: 20));

        var (epochs, weights, gate) = (Ids(held.Epochs), Ids(held.Weights), Ids(held.Gate));
        Assert.Equal((10, 20, 20), (epochs.Count, weights.Count, gate.Count));
        Assert.Empty(epochs.Intersect(weights));
        Assert.Empty(epochs.Intersect(gate));
        Assert.Empty(weights.Intersect(gate));
        // A held-out user's newest interactions are out of what selection learns from; everyone else keeps all theirs.
        var heldOut = epochs.Concat(weights).Concat(gate).ToHashSet();
        foreach (var userId in venue.UserIds)
        {
            var all = venue.TimelineOf(userId)!.Interactions;
            var known = held.Known.Where(i => i.UserId == userId).ToList();
            if (!heldOut.Contains(userId)) Assert.Equal(all.Count, known.Count);
            else Assert.Equal(all.Take(all.Count - Math.Max(1, (int)Math.Round(all.Count * 0.1))), known);
        }
    }

    [Fact]
    public void AUserWhoseEventsAreAllInTheVenuesNewestTenthIsInTheServedModel()
    {
        // Two newcomers arrive after everyone else's last song and sing two songs no one has sung before, with others.
        var venue = SmallVenue.Snapshot;
        var last = venue.Events.Max(e => e.OccurredAt);
        var newSongs = new[] { "new-1", "new-2" }.Select(id => new Song { Id = id, Title = id, Artist = "new", Language = "en", Genre = "pop" }).ToList();
        var sung = new[] { "new-1", "new-2" }.Concat(venue.Songs.Take(6).Select(s => s.Id)).ToList();
        var newcomers = new[] { "newcomer-1", "newcomer-2" };
        var events = newcomers.SelectMany((user, u) => sung.Select((song, i) =>
            new VenueEvent(EventType.Complete, user, song, null, last.AddMinutes(10 + u * 30 + i * 3)))).ToList();
        var snapshot = new VenueSnapshot(
            [.. venue.Users, .. newcomers.Select(id => new Domain.Users.User { Id = id })], [.. venue.Songs, .. newSongs], venue.Sessions, [.. venue.Events, .. events]);

        var (model, _) = VenueTraining.Train(snapshot, SmallVenue.Options());

        using (model)
        {
            Assert.Equal(events[^1].OccurredAt, model.Metadata.DataTo);
            Assert.Contains("new-2", model.Similarity.Walk.Of("new-1").Select(n => n.SongId));
            Assert.Contains("new-1", model.Similarity.Walk.Of("new-2").Select(n => n.SongId));
        }
    }

    private static HashSet<string> Ids(IEnumerable<HeldOutUser> users) => users.Select(u => u.UserId).ToHashSet(StringComparer.Ordinal);
}
