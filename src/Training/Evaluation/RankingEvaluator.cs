using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Evaluation;

/// <summary>Recall@K and NDCG@K of a model's catalog ranking and of the popularity ranking, for the same users.</summary>
public sealed record RankingReport(int Users, int K, double Recall, double Ndcg, double PopularityRecall, double PopularityNdcg)
{
    public double RecallLift => PopularityRecall > 0 ? Recall / PopularityRecall : double.NaN;
}

/// <summary>
/// The product's real question: for users held out in the newest slice, does the model rank the songs they went on
/// to sing (complete, like, favorite) higher than popularity does, against the whole catalog?
/// </summary>
public static class RankingEvaluator
{
    public static RankingReport Evaluate(CtrModel model, KtvDataset data, int k = 20, int maxUsers = 300, int seed = 42) =>
        Evaluate(candidates => Predictor.Predict(model, data.Encode(candidates)), data, k, maxUsers, seed);

    /// <summary>The same measurement for any scorer of (user, song, context) rows, e.g. the simulator's oracle.</summary>
    public static RankingReport Evaluate(
        Func<IReadOnlyList<Interaction>, float[]> score, KtvDataset data, int k = 20, int maxUsers = 300, int seed = 42)
    {
        var relevant = data.ValidationInteractions
            .Where(i => i.Positive && !i.Sampled)
            .GroupBy(i => i.UserId)
            .ToDictionary(g => g.Key, g => (Context: g.First(), Songs: g.Select(i => i.SongId).ToHashSet()));
        var users = relevant.Keys.Order(StringComparer.Ordinal).ToList();
        if (users.Count > maxUsers) users = users.OrderBy(_ => new Random(seed).Next()).Take(maxUsers).Order(StringComparer.Ordinal).ToList();

        var popular = PopularityRanking(data);
        var catalog = data.Venue.Songs.Select(s => s.Id).ToArray();
        double recall = 0, ndcg = 0, popularityRecall = 0, popularityNdcg = 0;
        foreach (var user in users)
        {
            var (context, songs) = relevant[user];
            var scores = score(catalog.Select(song => context with { SongId = song }).ToList());
            var ranked = Enumerable.Range(0, catalog.Length).OrderByDescending(i => scores[i]).Take(k).Select(i => catalog[i]).ToList();

            recall += RankingMetrics.RecallAtK(ranked, songs, k);
            ndcg += RankingMetrics.NdcgAtK(ranked, songs, k);
            popularityRecall += RankingMetrics.RecallAtK(popular, songs, k);
            popularityNdcg += RankingMetrics.NdcgAtK(popular, songs, k);
        }
        var n = Math.Max(1, users.Count);
        return new RankingReport(users.Count, k, recall / n, ndcg / n, popularityRecall / n, popularityNdcg / n);
    }

    /// <summary>Songs by how often they were enjoyed in the training window, the baseline every model must beat.</summary>
    public static List<string> PopularityRanking(KtvDataset data)
    {
        var counts = data.TrainInteractions.Where(i => i.Positive && !i.Sampled)
            .GroupBy(i => i.SongId).ToDictionary(g => g.Key, g => g.Count());
        return data.Venue.Songs.Select(s => s.Id)
            .OrderByDescending(id => counts.GetValueOrDefault(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
    }
}
