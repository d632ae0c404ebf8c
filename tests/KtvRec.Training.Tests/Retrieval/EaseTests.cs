using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class EaseTests
{
    /// <summary>The neighbour tests' listeners, with one more who sings both rock songs.</summary>
    private static readonly (string, string)[] Positives = [.. SongNeighboursTests.Positives, ("eve", "rock-1"), ("eve", "rock-2")];

    [Fact]
    public void LearnedNeighboursAreTheCoSungSongsWithPositiveWeightsAndNeverTheSongItself()
    {
        var neighbours = Ease.Fit(Positives, lambda: 1).Neighbours();

        var ofBallad = neighbours.Of("ballad-1").ToList();
        Assert.Equal("ballad-2", ofBallad[0].SongId);
        Assert.All(ofBallad, n => Assert.True(n.Similarity > 0));
        Assert.DoesNotContain(ofBallad, n => n.SongId is "ballad-1" or "rock-2");
        Assert.Equal("rock-2", neighbours.Of("rock-1").First().SongId);
    }

    [Fact]
    public void RankingPutsTheSongsSungWithTheUsersOwnFirst()
    {
        var ease = Ease.Fit(Positives, lambda: 1);

        var ranked = ease.Rank(["rock-2"]).Where(s => s != "rock-2").ToList();

        Assert.Equal("rock-1", ranked[0]);
        Assert.Equal(4, ranked.Count);
    }

    [Fact]
    public void OnlyTheMostEnjoyedSongsTakePartAndTheLongTailKeepsItsCosineNeighbours()
    {
        var ease = Ease.Fit(Positives, lambda: 1, maxSongs: 3);
        var cosine = SongNeighbours.Build(Positives, neighbours: 10, shrinkage: 1);

        var merged = ease.Neighbours().Over(cosine);

        Assert.Equal(["ballad-1", "ballad-2", "rock-1"], ease.Songs);
        Assert.Equal(cosine.Songs.Order(), merged.Songs.Order());
        Assert.Equal(ease.Neighbours().Of("rock-1"), merged.Of("rock-1"));
        Assert.Equal(cosine.Of("rock-2"), merged.Of("rock-2"));
        Assert.Equal(cosine.Of("ballad-3"), merged.Of("ballad-3"));
    }
}
