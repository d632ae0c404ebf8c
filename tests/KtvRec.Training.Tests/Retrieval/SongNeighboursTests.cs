using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class SongNeighboursTests
{
    internal static readonly (string, string)[] Positives =
    [
        ("ann", "ballad-1"), ("ann", "ballad-2"), ("ann", "ballad-3"),
        ("bob", "ballad-1"), ("bob", "ballad-2"),
        ("cat", "ballad-1"), ("cat", "ballad-2"), ("cat", "rock-1"),
        ("dan", "rock-1"), ("dan", "rock-2"),
    ];

    [Fact]
    public void SongsSungByTheSamePeopleAreEachOthersStrongestCosineNeighbours()
    {
        var neighbours = Cosine.Fit(Positives, neighbours: 10, shrinkage: 1);

        var ofBallad = neighbours.Of("ballad-1").ToList();
        Assert.Equal("ballad-2", ofBallad[0].SongId);
        Assert.Equal(3 / (3 + 1.0), ofBallad[0].Weight, 5);
        Assert.DoesNotContain(ofBallad, n => n.SongId == "rock-2");
        Assert.Equal(["rock-1"], neighbours.Of("rock-2").Select(n => n.SongId));
        Assert.Empty(neighbours.Of("never-sung"));
    }

    [Fact]
    public void TheWalkLeadsToTheSongsTheSameListenersSingAndDiscountsTheHits()
    {
        var walk = SongWalk.Fit(Positives, neighbours: 10);

        // From rock-2, its one listener (dan) leads only to rock-1.
        Assert.Equal(["rock-1"], walk.Of("rock-2").Select(n => n.SongId));
        // From ballad-3, ann leads to ballad-1 and ballad-2 with the same step; both are as popular, so they tie.
        var ofBallad = walk.Of("ballad-3").ToList();
        Assert.Equal(["ballad-1", "ballad-2"], ofBallad.Select(n => n.SongId).Order());
        Assert.Equal(ofBallad[0].Weight, ofBallad[1].Weight, 6);
        // From rock-1: cat leads to two ballads, dan to rock-2; rock-2 is less popular, so it weighs more after the discount.
        Assert.Equal("rock-2", walk.Of("rock-1").First().SongId);
    }

    [Fact]
    public void CandidatesComeFromHistoryThenSimilarSongsThenPopularWithoutRepeatsOrExcludedSongs()
    {
        var similarity = new SongSimilarity(Ease.Fit(Positives, lambda: 1).Neighbours(), SongWalk.Fit(Positives), SongSimilarity.PopularOf(Positives));
        string[] catalog = ["ballad-1", "ballad-2", "ballad-3", "rock-1", "rock-2", "pop-1", "pop-2", "pop-3"];
        var rows = similarity.InOrderOf(catalog);
        using var signals = new UserSignals(rows, [2, 2]);

        var candidates = CandidateGenerator.Generate(signals, [4, 0, 5, 6, 7], row => row != 1, new CandidateBudget(10));

        Assert.Equal(candidates.Count, candidates.Select(c => c.Row).Distinct().Count());
        Assert.Equal(new Candidate(2, CandidateSource.History, -1), candidates[0]);
        Assert.Equal((0, CandidateSource.SimilarSongs, 2), (candidates[1].Row, candidates[1].Source, candidates[1].BecauseOf));
        Assert.DoesNotContain(candidates, c => c.Row == 1);
        var fromElsewhere = candidates.Where(c => c.Source != CandidateSource.Popular).Select(c => c.Row).ToHashSet();
        Assert.Equal(
            new[] { 4, 0, 5, 6, 7 }.Where(row => row != 1 && !fromElsewhere.Contains(row)),
            candidates.Where(c => c.Source == CandidateSource.Popular).Select(c => c.Row));
    }

    [Fact]
    public void TheNeighboursFileRoundTripsAndAMissingOneIsAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ktvrec-neighbours-{Guid.NewGuid():N}.bin");
        try
        {
            var built = Ease.Fit(Positives, lambda: 1).Neighbours();
            SongNeighboursFile.Write(built, path);
            var read = SongNeighboursFile.Read(path);

            Assert.Equal(built.Songs, read.Songs);
            Assert.Equal(built.Lists.SelectMany(l => l), read.Lists.SelectMany(l => l));
            Assert.Throws<InvalidDataException>(() => SongNeighboursFile.Read(path + ".missing"));
            File.WriteAllBytes(path, File.ReadAllBytes(path)[..20]);
            Assert.Throws<InvalidDataException>(() => SongNeighboursFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    [InlineData(512)]
    [InlineData(5000)]
    public void APassRanksTheSongsReachedBySummedWeightLeavingOutTheUsersOwnAndSongsWithNothingPositive(int ranked)
    {
        // A catalog of 3,000 songs, each with 50 neighbours of few distinct weights (some negative), so many sums tie.
        var random = new Random(7);
        var songs = Enumerable.Range(0, 3000).Select(i => $"s{i}").ToArray();
        var lists = songs.Select(_ => Enumerable.Range(0, 50).Select(_ => random.Next(3000)).Distinct()
            .Select(song => new Neighbour(song, random.Next(-2, 6) / 8f)).ToArray()).ToArray();
        var neighbours = new SongNeighbours(songs, lists);
        var history = Enumerable.Range(0, 50).Select(_ => random.Next(3000)).Distinct().ToArray();

        using var pass = new SimilarityPass(neighbours, history, ranked);

        var own = history.ToHashSet();
        var sums = new Dictionary<int, float>();
        foreach (var song in history)
        {
            foreach (var (neighbour, weight) in lists[song]) sums[neighbour] = sums.GetValueOrDefault(neighbour) + weight;
        }
        var expected = sums.Where(s => !own.Contains(s.Key) && s.Value > 0).OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(ranked).Select(s => s.Key).ToList();
        Assert.True(expected.Count >= Math.Min(ranked, 1000), "more songs are reached than most lists ask for");
        Assert.All(expected.Take(SimilarityPass.ExactRanks), song => Assert.Equal(expected.IndexOf(song), pass.RankOf(song)));
        Assert.All(expected, song => Assert.Equal(KtvFeatures.RankBucket(expected.IndexOf(song)), KtvFeatures.RankBucket(pass.RankOf(song))));
        Assert.Equal(expected, pass.Ranked.ToArray());
        Assert.Equal(expected, pass.Ranked.ToArray());
        Assert.Equal(-1, pass.RankOf(history[0]));
        Assert.Equal(sums[expected[0]], pass.SumOf(expected[0]), 5);
        Assert.True(pass.ZOf(expected[0]) > pass.ZOf(expected[^1]) || expected.Count == 1);
    }

    [Fact]
    public void EachPassStartsFromNothingWhateverThePassesBeforeItReached()
    {
        var neighbours = Cosine.Fit(Positives, neighbours: 10, shrinkage: 1);
        int[] Ranked(params string[] songs)
        {
            using var pass = new SimilarityPass(neighbours, songs.Select(neighbours.RowOf).ToArray());
            return pass.Ranked.ToArray();
        }

        var first = Ranked("ballad-3");
        var other = Ranked("rock-1", "ballad-1");
        var again = Ranked("ballad-3");

        Assert.NotEqual(first, other);
        Assert.Equal(first, again);
    }

    [Fact]
    public void ReindexedByACatalogTheyKeepTheirListsAsThatCatalogsRows()
    {
        var built = Cosine.Fit(Positives, neighbours: 10, shrinkage: 1);
        string[] catalog = ["new-song", .. built.Songs.Reverse().Where(s => s != "rock-2")];

        var rows = built.InOrderOf(catalog);

        Assert.Equal(catalog, rows.Songs);
        Assert.Empty(rows.Lists[0]);
        foreach (var song in catalog.Skip(1))
        {
            var expected = built.Of(song).Where(n => n.SongId != "rock-2");
            Assert.Equal(expected, rows.Of(song));
            Assert.All(rows.Lists[rows.RowOf(song)], n => Assert.InRange(n.Song, 0, catalog.Length - 1));
        }
    }
}
