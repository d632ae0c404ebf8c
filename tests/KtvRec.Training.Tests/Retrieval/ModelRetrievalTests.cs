using KtvRec.Domain;
using KtvRec.Training.Features;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
using KtvRec.Training.Tests.Models;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class ModelRetrievalTests
{
    [Fact]
    public void TheCatalogsTopSongsByDotProductAreTheFactorizationMachinesOwnTopSongs()
    {
        using var trained = SharedScoringTests.RandomModel(ModelKind.Fm);
        var songs = SmallVenue.Snapshot.Songs;
        // With preferred languages: the one field that depends on both sides counts in retrieval too.
        var user = SmallVenue.Snapshot.Users.First(u => u.PreferredLanguages.Count > 0);
        var recent = songs.Skip(40).Take(5).Select(s => s.Id).ToList();
        var context = PlayContext.At(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), 2);

        var scorer = CatalogScorer.Build(trained.Model, trained.Space, songs);
        var side = scorer.Prepare(user, user.Id, context, recent);
        var retrieved = scorer.Top(side, 20).Select(row => scorer.SongIds[row]);

        var scores = scorer.Score(side, songs);
        var best = Enumerable.Range(0, songs.Count).OrderByDescending(i => scores[i]).Take(20).Select(i => songs[i].Id);
        Assert.Equal(best, retrieved);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(250)]
    public void RetrievalThatSkipsBlocksBelowTheHeapFindsTheSameBestScoresAsScoringEverySong(int count)
    {
        using var trained = SharedScoringTests.RandomModel(ModelKind.Fm);
        var songs = SmallVenue.Snapshot.Songs;
        var scorer = CatalogScorer.Build(trained.Model, trained.Space, songs);
        var context = PlayContext.At(new DateTime(2026, 12, 1, 20, 0, 0, DateTimeKind.Utc), 3);
        foreach (var user in SmallVenue.Snapshot.Users.Take(25).Append(null))
        {
            var side = scorer.Prepare(user, user?.Id ?? "stranger", context, songs.Skip(user?.Id.Length ?? 0).Take(3).Select(s => s.Id).ToList());
            var scores = scorer.Score(side, songs);

            var retrieved = scorer.Top(side, count);

            var best = scores.OrderDescending().Take(count).ToList();
            Assert.Equal(count, retrieved.Distinct().Count());
            for (var i = 0; i < count; i++) Assert.Equal(best[i], scores[retrieved[i]], 1e-6f);
        }
    }

    [Fact]
    public void TheModelsPicksComeAfterSimilarSongsAndBeforePopularOnesWithinTheirShare()
    {
        string[] picks = ["pick-1", "pick-2", "pick-3", "pick-4"];
        string[] popular = ["pop-1", "pop-2", "pop-3", "pop-4", "pop-5", "pop-6", "pop-7", "pop-8"];
        var neighbours = SongNeighboursTests.OverCatalog(SongNeighbours.Build(SongNeighboursTests.Positives, neighbours: 10, shrinkage: 1), [.. picks, .. popular]);

        var candidates = CandidateGenerator.Generate(neighbours, ["ballad-3"], popular, _ => true, limit: 10, picks);

        Assert.Equal(
            [CandidateSource.History, CandidateSource.SimilarSongs, CandidateSource.SimilarSongs, CandidateSource.Model, CandidateSource.Model],
            candidates.Take(5).Select(c => c.Source));
        Assert.Equal(["pick-1", "pick-2"], candidates.Where(c => c.Source == CandidateSource.Model).Select(c => c.SongId));
        Assert.Equal(10, candidates.Count);
    }
}
