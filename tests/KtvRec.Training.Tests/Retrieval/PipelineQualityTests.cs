using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class PipelineQualityTests
{
    [Fact]
    public void TheServedPipelineRanksHeldOutSongsAbovePopularityAndItemKnn()
    {
        var (model, report) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options());
        using (model)
        {
            var ranking = report.Ranking;
            Console.WriteLine(string.Join(", ", report.ToMetrics().Select(m => $"{m.Key}={m.Value:F4}")));
            Assert.True(ranking.Model.Recall > ranking.Popularity.Recall, $"Recall@20 {ranking.Model.Recall:F3} vs popularity {ranking.Popularity.Recall:F3}");
            Assert.True(ranking.Discovery.Ndcg > ranking.Knn.Ndcg, $"discovery NDCG@20 {ranking.Discovery.Ndcg:F3} vs item-kNN {ranking.Knn.Ndcg:F3}");
            Assert.True(ranking.Lists.CandidateRecall >= ranking.Model.Recall, $"candidates {ranking.Lists.CandidateRecall:F3} bound the ranking {ranking.Model.Recall:F3}");
            Assert.NotEmpty(model.Similarity.Ease.Songs);
            Assert.NotEmpty(model.Similarity.Walk.Songs);
            Assert.Contains("knn_recall@20", report.ToMetrics().Keys);
            Assert.Contains("without_model_ndcg@20", report.ToMetrics().Keys);
        }
    }
}
