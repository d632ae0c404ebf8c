using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Evaluation;

/// <summary>
/// Recall@K and NDCG@K of a ranking for held-out users, beside popularity's and item-kNN's for the same users, and the
/// share of their songs the candidate stage found at all (which bounds what ranking can reach).
/// </summary>
public sealed record RankingReport(
    int Users, int K, double Recall, double Ndcg, double PopularityRecall, double PopularityNdcg,
    double KnnRecall, double KnnNdcg, double CandidateRecall, int Candidates)
{
    public double RecallLift => PopularityRecall > 0 ? Recall / PopularityRecall : double.NaN;
}

/// <summary>
/// The product's real question: for users held out in the newest slice, does the served pipeline (candidates over the
/// whole catalog, ranked by the model) rank the songs they went on to sing higher than popularity and item-kNN do?
/// </summary>
public static class RankingEvaluator
{
    public const int DefaultCandidates = 500;

    /// <summary>The serving path: candidates from the user's history, similar songs and popularity, ranked by the model.</summary>
    public static RankingReport Evaluate(
        CtrModel model, KtvDataset data, SongNeighbours neighbours, int k = 20, int maxUsers = 300, int seed = 42,
        int candidates = DefaultCandidates) =>
        Evaluate(rows => Predictor.Predict(model, data.Encode(rows)), data, neighbours, k, maxUsers, seed, candidates);

    /// <summary>The same measurement for any scorer of (user, song, context) rows; with no candidate budget it ranks the whole catalog (e.g. the simulator's oracle).</summary>
    public static RankingReport Evaluate(
        Func<IReadOnlyList<Interaction>, float[]> score, KtvDataset data, SongNeighbours neighbours, int k = 20,
        int maxUsers = 300, int seed = 42, int? candidates = DefaultCandidates)
    {
        var relevant = data.ValidationInteractions
            .Where(i => i.Positive && !i.Sampled)
            .GroupBy(i => i.UserId)
            .ToDictionary(g => g.Key, g => (Context: g.First(), Songs: g.Select(i => i.SongId).ToHashSet()));
        var users = relevant.Keys.Order(StringComparer.Ordinal).ToList();
        if (users.Count > maxUsers) users = users.OrderBy(_ => new Random(seed).Next()).Take(maxUsers).Order(StringComparer.Ordinal).ToList();

        var histories = Histories(data);
        var popular = PopularityRanking(data);
        var catalog = data.Venue.Songs.Select(s => s.Id).ToArray();
        var sum = new double[8];
        foreach (var user in users)
        {
            var (context, songs) = relevant[user];
            var history = histories.GetValueOrDefault(user) ?? [];
            var pool = candidates is { } budget
                ? CandidateGenerator.Generate(neighbours, history, popular, _ => true, budget).Select(c => c.SongId).ToArray()
                : catalog;
            var scores = score(pool.Select(song => context with { SongId = song }).ToList());
            var ranked = Enumerable.Range(0, pool.Length).OrderByDescending(i => scores[i]).Take(k).Select(i => pool[i]).ToList();
            var knn = CandidateGenerator.Similar(neighbours, history).Select(c => c.SongId).Concat(popular).Distinct().Take(k).ToList();

            sum[0] += RankingMetrics.RecallAtK(ranked, songs, k);
            sum[1] += RankingMetrics.NdcgAtK(ranked, songs, k);
            sum[2] += RankingMetrics.RecallAtK(popular, songs, k);
            sum[3] += RankingMetrics.NdcgAtK(popular, songs, k);
            sum[4] += RankingMetrics.RecallAtK(knn, songs, k);
            sum[5] += RankingMetrics.NdcgAtK(knn, songs, k);
            sum[6] += (double)pool.Count(songs.Contains) / songs.Count;
            sum[7] += pool.Length;
        }
        var n = Math.Max(1, users.Count);
        return new RankingReport(
            users.Count, k, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n, sum[5] / n, sum[6] / n, (int)(sum[7] / n));
    }

    /// <summary>What each user enjoyed in the training window, newest first: what serving reads as their recent songs.</summary>
    public static Dictionary<string, List<string>> Histories(KtvDataset data) =>
        data.TrainInteractions.Where(i => i.Positive && !i.Sampled)
            .GroupBy(i => i.UserId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.At).Select(i => i.SongId).ToList());

    /// <summary>Item-to-item similarity of the training window's enjoyed songs, as stored with the model.</summary>
    public static SongNeighbours Neighbours(KtvDataset data) =>
        SongNeighbours.Build(data.TrainInteractions.Where(i => i.Positive && !i.Sampled).Select(i => (i.UserId, i.SongId)));

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
