using KtvRec.Api.Recommendations;

namespace KtvRec.Api.Tests.Recommendations;

public sealed class GroupScoresTests
{
    // Two members who like the same songs (0 best, then 1, 2, ...) and a third whose favourites (9, then 8) the others
    // rank low: song 7 is the third member's worst and song 8 the others' worst, so both are misery.
    private static readonly float[][] Scores =
    [
        [0.90f, 0.85f, 0.80f, 0.75f, 0.70f, 0.65f, 0.60f, 0.55f, 0.20f, 0.30f],
        [0.90f, 0.85f, 0.80f, 0.75f, 0.70f, 0.65f, 0.60f, 0.55f, 0.20f, 0.30f],
        [0.30f, 0.29f, 0.28f, 0.27f, 0.26f, 0.25f, 0.24f, 0.23f, 0.50f, 0.60f],
    ];

    [Fact]
    public void SongsGoByTheMembersAverageWithMiseryLastWhenTheFirstSongsSuitEveryMember()
    {
        // At 0.75 song 0 suits the third member too (their third best).
        var group = GroupScores.AverageWithoutMisery(Scores, misery: 0.1, suits: 0.75);

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 9, 7, 8], group.Ranked());
        Assert.Equal([0, 1, 2], group.Suits[0]);
        Assert.Equal((0.30 + 0.30 + 0.60) / 3, group.Scores[9], 6);
    }

    [Fact]
    public void AMemberNoEarlySongSuitsGetsTheirBestSongWithinTheFirstTwoPerMember()
    {
        // At 0.9 each member is suited by their best song alone: the third member by song 9, seventh by the average.
        var group = GroupScores.AverageWithoutMisery(Scores, misery: 0.1, suits: 0.9);

        var ranked = group.Ranked().ToList();

        Assert.Equal([0, 1, 2, 3, 4, 9, 5, 6, 7, 8], ranked);
        Assert.True(ranked.IndexOf(9) < GroupScores.FairShare * 3);
        Assert.Equal([2], group.Suits[9]);
    }
}
