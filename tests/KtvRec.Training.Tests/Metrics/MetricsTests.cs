using KtvRec.Training.Metrics;

namespace KtvRec.Training.Tests.Metrics;

public sealed class MetricsTests
{
    [Fact]
    public void AucCountsCorrectlyOrderedPairsAndHalfOfTies()
    {
        Assert.Equal(1.0, BinaryMetrics.Auc([0, 0, 1, 1], [0.1f, 0.2f, 0.8f, 0.9f]));
        Assert.Equal(0.0, BinaryMetrics.Auc([1, 1, 0, 0], [0.1f, 0.2f, 0.8f, 0.9f]));
        Assert.Equal(0.75, BinaryMetrics.Auc([0, 1, 0, 1], [0.1f, 0.3f, 0.35f, 0.8f]));
        Assert.Equal(0.5, BinaryMetrics.Auc([0, 1], [0.5f, 0.5f]));
        Assert.Equal(0.5, BinaryMetrics.Auc([1, 1], [0.2f, 0.9f]));
    }

    [Fact]
    public void LogLossIsTheMeanCrossEntropy()
    {
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, BinaryMetrics.LogLoss([1, 0], [0.8f, 0.4f]), 6);
        Assert.True(double.IsFinite(BinaryMetrics.LogLoss([1], [0f])));
    }

    [Fact]
    public void RecallAndNdcgRewardHitsNearTheTop()
    {
        var relevant = new HashSet<string> { "a", "b" };

        Assert.Equal(1.0, RankingMetrics.RecallAtK(["a", "b", "c"], relevant, 2));
        Assert.Equal(0.5, RankingMetrics.RecallAtK(["a", "c", "b"], relevant, 2));
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(["b", "a", "c"], relevant, 3), 6);
        Assert.Equal((1 / Math.Log2(3) + 1 / Math.Log2(4)) / (1 + 1 / Math.Log2(3)), RankingMetrics.NdcgAtK(["c", "a", "b"], relevant, 3), 6);
        Assert.Equal(0.0, RankingMetrics.NdcgAtK(["c"], new HashSet<string>(), 3));
    }
}
