using KtvRec.Domain;
using KtvRec.Domain.Users;
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
        // No preferred languages: the one field that depends on both sides is the same unknown for every song.
        var profile = SmallVenue.Snapshot.Users[5];
        var user = new User { Id = profile.Id, BirthYear = profile.BirthYear, Gender = profile.Gender, Region = profile.Region, PreferredLanguages = [] };
        var recent = songs.Skip(40).Take(5).Select(s => s.Id).ToList();
        var context = PlayContext.At(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), 2);

        var retrieved = ModelRetrieval.Build(trained.Model, trained.Space, songs).Top(KtvFeatures.UserSide(user, user.Id, context, recent), 20);

        var scores = CatalogScorer.Score(trained, user.Id, user, songs, context, recent);
        var best = Enumerable.Range(0, songs.Count).OrderByDescending(i => scores[i]).Take(20).Select(i => songs[i].Id);
        Assert.Equal(best, retrieved);
    }

    [Fact]
    public void TheModelsPicksComeAfterSimilarSongsAndBeforePopularOnesWithinTheirShare()
    {
        var neighbours = SongNeighbours.Build(SongNeighboursTests.Positives, neighbours: 10, shrinkage: 1);
        string[] picks = ["pick-1", "pick-2", "pick-3", "pick-4"];
        string[] popular = ["pop-1", "pop-2", "pop-3", "pop-4", "pop-5", "pop-6", "pop-7", "pop-8"];

        var candidates = CandidateGenerator.Generate(neighbours, ["ballad-3"], popular, _ => true, limit: 10, picks);

        Assert.Equal(
            [CandidateSource.History, CandidateSource.SimilarSongs, CandidateSource.SimilarSongs, CandidateSource.Model, CandidateSource.Model],
            candidates.Take(5).Select(c => c.Source));
        Assert.Equal(["pick-1", "pick-2"], candidates.Where(c => c.Source == CandidateSource.Model).Select(c => c.SongId));
        Assert.Equal(10, candidates.Count);
    }
}
