using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class PipelineQualityTests
{
    [Fact]
    public void TheServedPipelineRanksHeldOutSongsAbovePopularityAndItemKnn()
    {
        var (model, report, _) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options());
        using (model)
        {
            var ranking = report.Ranking;
            Assert.True(ranking.Recall > ranking.PopularityRecall, $"Recall@20 {ranking.Recall:F3} vs popularity {ranking.PopularityRecall:F3}");
            Assert.True(ranking.Recall > ranking.KnnRecall, $"Recall@20 {ranking.Recall:F3} vs item-kNN {ranking.KnnRecall:F3}");
            Assert.True(ranking.CandidateRecall >= ranking.Recall, $"candidates {ranking.CandidateRecall:F3} bound the ranking {ranking.Recall:F3}");
            Assert.NotEmpty(model.Neighbours.Songs);
            Assert.Contains("knn_recall@20", report.ToMetrics().Keys);
        }
    }
}
