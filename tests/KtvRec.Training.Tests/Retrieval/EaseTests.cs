using KtvRec.Training.Retrieval;
using TorchSharp;

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

    [Fact]
    public void TheGramCountedInBlocksAndSolvedAtEachLambdaGivesTheClosedForm()
    {
        // Over 256 songs, so the matrix is counted in more than one block of rows.
        var random = new Random(7);
        var positives = Enumerable.Range(0, 300)
            .SelectMany(user => Enumerable.Range(0, 20).Select(_ => ($"u{user}", $"s{random.Next(600):D3}"))).ToList();

        using var gram = EaseGram.Count(positives, maxSongs: 10_000);

        var n = gram.Songs.Count;
        Assert.True(n > 256, $"{n} songs");
        // Again at the first λ: a solve leaves the counts as they were.
        foreach (var lambda in new[] { 50.0, 400, 50 })
        {
            var expected = ClosedForm(positives, gram.Songs, lambda);
            var weights = gram.Weights(lambda);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], weights[i], 1e-4);
            var neighbours = gram.Neighbours(lambda);
            var whole = new Ease(gram.Songs, weights).Neighbours();
            Assert.Equal(whole.Lists.Select(l => l.ToList()), neighbours.Lists.Select(l => l.ToList()));
        }
    }

    /// <summary>B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹ from the dense user × song matrix, in double precision.</summary>
    private static float[] ClosedForm(IReadOnlyList<(string User, string Song)> positives, IReadOnlyList<string> songs, double lambda)
    {
        var column = songs.Select((song, i) => (song, i)).ToDictionary(s => s.song, s => s.i);
        var users = positives.Select(p => p.User).Distinct().ToList();
        var x = new double[users.Count, songs.Count];
        foreach (var (user, song) in positives) x[users.IndexOf(user), column[song]] = 1;
        using var scope = torch.NewDisposeScope();
        var dense = torch.tensor(x);
        var p = torch.linalg.inv(dense.t().matmul(dense) + lambda * torch.eye(songs.Count, dtype: torch.float64));
        var b = -p / p.diag().unsqueeze(0);
        b.diagonal().zero_();
        return b.to_type(torch.ScalarType.Float32).data<float>().ToArray();
    }
}
