using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Trainer;

/// <summary>
/// An incremental retrain grows the serving model: the small venue trained up to two days before its end, then the last
/// two days and four newcomers who sang a song the catalog did not have, learned from that model.
/// </summary>
public sealed class IncrementalTrainingTests
{
    /// <summary>A song the catalog gets in the last two days, like its first song but for its id.</summary>
    private static readonly Song Hit = new()
    {
        Id = "s-new-hit", Title = "New hit", Artist = SmallVenue.Snapshot.Songs[0].Artist, Language = SmallVenue.Snapshot.Songs[0].Language,
        Genre = SmallVenue.Snapshot.Songs[0].Genre, ReleaseYear = 2026, Tags = [.. SmallVenue.Snapshot.Songs[0].Tags],
    };

    private static readonly string[] Newcomers = ["newcomer-1", "newcomer-2", "newcomer-3", "newcomer-4"];

    [Fact]
    public void AGrownModelKnowsTheNewSongItsSingersAndStillRanksTheOldRowsAsBefore()
    {
        var (before, after) = Split(SmallVenue.Snapshot, TimeSpan.FromDays(2));
        var (serving, _) = VenueTraining.Train(before, SmallVenue.Options());
        using var _ = serving;

        var (grown, report) = VenueTraining.Train(after, SmallVenue.Options(), startFrom: serving);
        using var __ = grown;

        Assert.Equal(serving.Metadata.Version, grown.Metadata.StartedFrom);
        Assert.Equal(1, report.ToMetrics()["incremental"]);
        Assert.True(grown.Metadata.DataTo > serving.Metadata.DataTo);
        // Every index the serving model had keeps its meaning; the new song has one of its own, past them.
        for (var field = 0; field < serving.Space.FieldCount; field++)
            Assert.All(serving.Space.Tokens[field], token => Assert.Equal(token.Value, grown.Space.Tokens[field][token.Key]));
        Assert.False(serving.Space.Knows(RecentSongs, Hit.Id));
        Assert.True(grown.Space.IndexOf(RecentSongs, Hit.Id) >= serving.Space.Size);
        // The newcomers' songs are in the grown model's similar songs: the new song leads to what they sang with it.
        var sungWithIt = NewcomerSongs(SmallVenue.Snapshot).ToHashSet();
        Assert.Contains(grown.Similarity.Walk.Of(Hit.Id), neighbour => sungWithIt.Contains(neighbour.SongId));

        // The rows the serving model was trained on are ranked as it ranked them, within a little.
        var old = SmallVenue.RankerRows(before);
        var servingScores = Predictor.Predict(serving.Model, old.Encode(serving.Space));
        var grownScores = Predictor.Predict(grown.Model, old.Encode(grown.Space));
        var labels = old.Encode(serving.Space).Labels;
        var (servingAuc, grownAuc) = (BinaryMetrics.Auc(labels, servingScores), BinaryMetrics.Auc(labels, grownScores));
        var meanChange = servingScores.Zip(grownScores, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(Math.Abs(grownAuc - servingAuc) < 0.03, $"AUC on the old rows {servingAuc:F4} → {grownAuc:F4}");
        Assert.True(meanChange < 0.05, $"the old rows' probabilities moved by {meanChange:F4} on average");
    }

    private static int RecentSongs => KtvFeatures.Fields.ToList().IndexOf("recent_songs");

    /// <summary>The venue up to <paramref name="last"/> before its end, and the whole venue with the newcomers and their new song in that last stretch.</summary>
    private static (VenueSnapshot Before, VenueSnapshot After) Split(VenueSnapshot venue, TimeSpan last)
    {
        var cut = venue.Events.Max(e => e.OccurredAt) - last;
        var before = venue with { Events = [.. venue.Events.Where(e => e.OccurredAt <= cut)] };
        var users = Newcomers.Select(id => new User { Id = id, BirthYear = 1998, Gender = "f", Region = "north" });
        var sung = NewcomerSongs(venue).ToList();
        var newEvents = Newcomers.SelectMany((user, u) => sung.Select((songId, i) =>
            new VenueEvent(EventType.Complete, user, songId, null, cut.AddHours(2 + u).AddMinutes(5 * i))));
        var after = new VenueSnapshot([.. venue.Users, .. users], [.. venue.Songs, Hit], venue.Sessions, [.. venue.Events, .. newEvents]);
        return (before, after);
    }

    /// <summary>What each newcomer sings, in order: the new song, then the venue's four most enjoyed songs.</summary>
    private static IEnumerable<string> NewcomerSongs(VenueSnapshot venue) =>
        new[] { Hit.Id }.Concat(venue.Events.Where(e => e.Type == EventType.Complete).GroupBy(e => e.SongId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(4).Select(g => g.Key));
}
