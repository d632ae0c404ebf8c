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
    public void SongsSungByTheSamePeopleAreEachOthersStrongestNeighbours()
    {
        var neighbours = SongNeighbours.Build(Positives, neighbours: 10, shrinkage: 1);

        var ofBallad = neighbours.Of("ballad-1").ToList();
        Assert.Equal("ballad-2", ofBallad[0].SongId);
        Assert.Equal(3 / (3 + 1.0), ofBallad[0].Similarity, 5);
        Assert.DoesNotContain(ofBallad, n => n.SongId == "rock-2");
        Assert.Equal(["rock-1"], neighbours.Of("rock-2").Select(n => n.SongId));
        Assert.Empty(neighbours.Of("never-sung"));
    }

    [Fact]
    public void ShrinkageRanksAWidelySharedSongAboveAOneListenerCoincidence()
    {
        var neighbours = SongNeighbours.Build(Positives, neighbours: 10, shrinkage: 10);

        var ofRock = neighbours.Of("rock-1").Select(n => n.SongId).ToList();
        Assert.Equal("rock-2", ofRock[0]);
        var similar = CandidateGenerator.Similar(neighbours, ["ballad-3", "rock-1"], 100);
        Assert.Equal("ballad-1", similar[0].SongId);
        Assert.All(similar, c => Assert.Equal(CandidateSource.SimilarSongs, c.Source));
        Assert.DoesNotContain(similar, c => c.SongId is "ballad-3" or "rock-1");
    }

    [Fact]
    public void CandidatesComeFromHistoryThenSimilarSongsThenPopularWithoutRepeatsOrExcludedSongs()
    {
        string[] popular = ["rock-2", "ballad-1", "pop-1", "pop-2", "pop-3"];
        var neighbours = OverCatalog(SongNeighbours.Build(Positives, neighbours: 10, shrinkage: 1), popular);

        var candidates = CandidateGenerator.Generate(neighbours, ["ballad-3", "ballad-3"], popular, id => id != "ballad-2", limit: 10);

        Assert.Equal(candidates.Count, candidates.Select(c => c.SongId).Distinct().Count());
        Assert.Equal(new Candidate(neighbours.IndexOf("ballad-3"), "ballad-3", CandidateSource.History, null, 0), candidates[0]);
        Assert.Equal(("ballad-1", CandidateSource.SimilarSongs, "ballad-3"), (candidates[1].SongId, candidates[1].Source, candidates[1].BecauseOf));
        Assert.DoesNotContain(candidates, c => c.SongId == "ballad-2");
        Assert.Equal(["rock-2", "pop-1", "pop-2", "pop-3"], candidates.Where(c => c.Source == CandidateSource.Popular).Select(c => c.SongId));
    }

    [Fact]
    public void TheNeighboursFileRoundTripsAndAModelWithoutOneHasNone()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ktvrec-neighbours-{Guid.NewGuid():N}.bin");
        try
        {
            var built = SongNeighbours.Build(Positives);
            SongNeighboursFile.Write(built, path);
            var read = SongNeighboursFile.Read(path);

            Assert.Equal(built.Songs, read.Songs);
            Assert.Equal(built.Lists.SelectMany(l => l), read.Lists.SelectMany(l => l));
            Assert.Empty(SongNeighboursFile.Read(path + ".missing").Songs);
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
    [InlineData(250)]
    [InlineData(5000)]
    public void SimilarSongsAreTheStrongestBySummedSimilarityLeavingOutTheUsersOwnAndUnavailableSongs(int count)
    {
        // A catalog of 3,000 songs, each with 50 neighbours of few distinct strengths, so many sums tie.
        var random = new Random(7);
        var songs = Enumerable.Range(0, 3000).Select(i => $"s{i}").ToArray();
        var lists = songs.Select(_ => Enumerable.Range(0, 50).Select(_ => random.Next(3000)).Distinct()
            .Select(song => new Neighbour(song, random.Next(1, 6) / 8f)).ToArray()).ToArray();
        var neighbours = new SongNeighbours(songs, lists);
        var history = Enumerable.Range(0, 50).Select(_ => songs[random.Next(3000)]).ToList();
        bool Available(int song) => song % 5 != 0;

        var similar = CandidateGenerator.Similar(neighbours, history, count, Available);

        var own = history.Select(neighbours.IndexOf).ToHashSet();
        var sums = new Dictionary<int, float>();
        foreach (var song in own)
        {
            foreach (var (neighbour, similarity) in lists[song]) sums[neighbour] = sums.GetValueOrDefault(neighbour) + similarity;
        }
        var expected = sums.Where(s => !own.Contains(s.Key) && Available(s.Key))
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(count).Select(s => songs[s.Key]).ToList();
        Assert.True(expected.Count >= Math.Min(count, 1000), "more songs are reached than most lists ask for");
        Assert.Equal(expected, similar.Select(c => c.SongId));
    }

    [Fact]
    public void EachCallStartsFromNothingWhateverTheCallsBeforeItReached()
    {
        var neighbours = SongNeighbours.Build(Positives, neighbours: 10, shrinkage: 1);

        var first = CandidateGenerator.Similar(neighbours, ["ballad-3"], 100);
        var other = CandidateGenerator.Similar(neighbours, ["rock-1", "ballad-1"], 100);
        var again = CandidateGenerator.Similar(neighbours, ["ballad-3"], 100);

        Assert.NotEqual(first, other);
        Assert.Equal(first, again);
    }

    [Fact]
    public void ReindexedByACatalogTheyKeepTheirListsAsThatCatalogsRows()
    {
        var built = SongNeighbours.Build(Positives, neighbours: 10, shrinkage: 1);
        string[] catalog = ["new-song", .. built.Songs.Reverse().Where(s => s != "rock-2")];

        var rows = built.InOrderOf(catalog);

        Assert.Equal(catalog, rows.Songs);
        Assert.Empty(rows.Lists[0]);
        foreach (var song in catalog.Skip(1))
        {
            var expected = built.Of(song).Where(n => n.SongId != "rock-2");
            Assert.Equal(expected, rows.Of(song));
            Assert.All(rows.Lists[rows.IndexOf(song)], n => Assert.InRange(n.Song, 0, catalog.Length - 1));
        }
    }

    /// <summary>The neighbours indexed over every song they know and <paramref name="others"/>, as serving indexes them by its catalog.</summary>
    internal static SongNeighbours OverCatalog(SongNeighbours neighbours, IEnumerable<string> others) =>
        neighbours.InOrderOf([.. neighbours.Songs.Concat(others).Distinct()]);
}
