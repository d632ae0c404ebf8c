using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class EaseTests
{
    /// <summary>The neighbour tests' listeners, with one more who sings both rock songs.</summary>
    private static readonly (string, string)[] Positives = [.. SongNeighboursTests.Positives, ("eve", "rock-1"), ("eve", "rock-2")];

    [Fact]
    public void TheStrongestWeightsAreKeptNegativeOnesTooAndNeverTheSongItself()
    {
        var neighbours = Ease.Fit(Positives, lambda: 1).Neighbours();

        var ofBallad = neighbours.Of("ballad-1").ToList();
        Assert.Equal("ballad-2", ofBallad[0].SongId);
        Assert.True(ofBallad[0].Weight > 0);
        Assert.Contains(neighbours.Lists.SelectMany(l => l), n => n.Weight < 0);
        Assert.DoesNotContain(ofBallad, n => n.SongId == "ballad-1");
        Assert.Equal(ofBallad.OrderByDescending(n => Math.Abs(n.Weight)).Select(n => n.SongId), ofBallad.Select(n => n.SongId));
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
    public void OnlyTheMostEnjoyedSongsTakePart()
    {
        var ease = Ease.Fit(Positives, lambda: 1, maxSongs: 3);

        Assert.Equal(["ballad-1", "ballad-2", "rock-1"], ease.Songs);
        Assert.Equal(3, ease.Neighbours().Songs.Count);
    }
}
