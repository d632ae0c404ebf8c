using KtvRec.Domain;
using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
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

    /// <summary>How strongly the similar-songs order may count beside the model's, tried at each retrain (0: the model alone).</summary>
    public static readonly IReadOnlyList<double> SimilarWeights = [0, 0.25, 0.5, 1, 2, 4, 16];

    /// <summary>The serving path: candidates from the user's history, similar songs and popularity, ranked by the model (fused with the similar-songs order by <paramref name="similarWeight"/>).</summary>
    public static RankingReport Evaluate(
        CtrModel model, KtvDataset data, SongNeighbours neighbours, int k = 20, int maxUsers = 300, int seed = 42,
        int candidates = DefaultCandidates, bool discovery = false, double similarWeight = 0, TorchSharp.torch.Device? device = null,
        SongNeighbours? knn = null) =>
        Evaluate(rows => Predictor.Predict(model, data.Encode(rows), device), data, neighbours, k, maxUsers, seed, candidates, discovery, similarWeight, knn,
            ModelPicks(model, data.Space, data));

    /// <summary>
    /// The same measurement for any scorer of (user, song, context) rows; with no candidate budget it ranks the whole
    /// catalog (e.g. the simulator's oracle). With <paramref name="discovery"/>, every ranker leaves out the songs the
    /// user enjoyed in training, as a discovery list does (and as per-user holdout splits are measured). The item-kNN
    /// baseline ranks by <paramref name="knn"/> (cosine, <see cref="Neighbours"/>) when given, else by the pipeline's own neighbours.
    /// </summary>
    public static RankingReport Evaluate(
        Func<IReadOnlyList<Interaction>, float[]> score, KtvDataset data, SongNeighbours neighbours, int k = 20,
        int maxUsers = 300, int seed = 42, int? candidates = DefaultCandidates, bool discovery = false, double similarWeight = 0,
        SongNeighbours? knn = null, Func<string, IReadOnlyList<int>>? picks = null)
    {
        knn ??= neighbours;
        var popular = TrainingWindow.PopularityRanking(data);
        var sum = new double[8];
        var pools = ScoredPools(score, data, neighbours, maxUsers, seed, candidates, discovery, popular, picks);
        foreach (var (songs, history, available, pool, scores) in pools)
        {
            var ranked = Rank(pool, scores, similarWeight, k);
            var popularHere = popular.Where(available).Take(k).ToList();
            var knnRanked = CandidateGenerator.Similar(knn, history, k, song => available(knn.Songs[song]))
                .Select(c => c.SongId).Concat(popularHere).Distinct().Take(k).ToList();

            sum[0] += RankingMetrics.RecallAtK(ranked, songs, k);
            sum[1] += RankingMetrics.NdcgAtK(ranked, songs, k);
            sum[2] += RankingMetrics.RecallAtK(popularHere, songs, k);
            sum[3] += RankingMetrics.NdcgAtK(popularHere, songs, k);
            sum[4] += RankingMetrics.RecallAtK(knnRanked, songs, k);
            sum[5] += RankingMetrics.NdcgAtK(knnRanked, songs, k);
            sum[6] += (double)pool.Count(c => songs.Contains(c.SongId)) / songs.Count;
            sum[7] += pool.Count;
        }
        var n = Math.Max(1, pools.Count);
        return new RankingReport(
            pools.Count, k, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n, sum[4] / n, sum[5] / n, sum[6] / n, (int)(sum[7] / n));
    }

    /// <summary>
    /// The weight of the similar-songs order beside the model's (one of <see cref="SimilarWeights"/>) that gives the
    /// best NDCG@K on these users: each user's candidates are scored once and ranked with every weight.
    /// </summary>
    public static (double Weight, double Ndcg) ChooseSimilarWeight(
        CtrModel model, KtvDataset data, SongNeighbours neighbours, int k, int maxUsers, int seed, int candidates, bool discovery,
        TorchSharp.torch.Device? device = null)
    {
        var pools = ScoredPools(rows => Predictor.Predict(model, data.Encode(rows), device), data, neighbours, maxUsers, seed, candidates, discovery,
            TrainingWindow.PopularityRanking(data), ModelPicks(model, data.Space, data));
        var n = Math.Max(1, pools.Count);
        return SimilarWeights
            .Select(weight => (Weight: weight, Ndcg: pools.Sum(p => RankingMetrics.NdcgAtK(Rank(p.Pool, p.Scores, weight, k), p.Songs, k)) / n))
            .MaxBy(result => result.Ndcg);
    }

    private sealed record ScoredPool(
        HashSet<string> Songs, IReadOnlyList<string> History, Func<string, bool> Available, List<Candidate> Pool, float[] Scores);

    /// <summary>Each held-out user's relevant songs, history and scored candidates (the whole catalog without a budget).</summary>
    private static List<ScoredPool> ScoredPools(
        Func<IReadOnlyList<Interaction>, float[]> score, KtvDataset data, SongNeighbours neighbours, int maxUsers, int seed,
        int? candidates, bool discovery, List<string> popular, Func<string, IReadOnlyList<int>>? picks)
    {
        var (relevant, users) = HeldOut(data, maxUsers, seed);
        var histories = TrainingWindow.Histories(data);
        var catalog = data.Venue.Songs.Select(s => s.Id).ToArray();
        // Songs as the catalog's rows, as serving indexes them (the model's picks are rows of the same catalog).
        neighbours = neighbours.InOrderOf(catalog);
        var popularRows = popular.Select(neighbours.IndexOf).Where(row => row >= 0).ToArray();
        var pools = new List<ScoredPool>(users.Count);
        foreach (var user in users)
        {
            var (context, songs) = relevant[user];
            var history = histories.GetValueOrDefault(user) ?? [];
            var sung = discovery ? history.ToHashSet(StringComparer.Ordinal) : [];
            bool Available(string song) => !sung.Contains(song);
            var pool = candidates is { } budget
                ? CandidateGenerator.Generate(neighbours, history, popularRows, row => Available(catalog[row]), budget, picks?.Invoke(user))
                : catalog.Select((id, row) => new Candidate(row, id, CandidateSource.Popular, null, 0)).Where(c => Available(c.SongId)).ToList();
            // Ranked as of the end of training, as serving ranks: the rows carry all the user's training songs as recent.
            var scores = score(pool.Select(c => context with { SongId = c.SongId, At = DateTime.MaxValue }).ToList());
            pools.Add(new ScoredPool(songs, history, Available, pool, scores));
        }
        return pools;
    }

    /// <summary>
    /// For each user, the model's own top songs over the catalog as serving retrieves them (<see cref="CatalogScorer.Top"/>),
    /// as of the end of training, in the context of their first held-out song: rows of <c>data.Venue.Songs</c>.
    /// </summary>
    public static Func<string, IReadOnlyList<int>> ModelPicks(CtrModel model, Data.FeatureSpace space, KtvDataset data, int count = DefaultCandidates / 5)
    {
        var scorer = CatalogScorer.Build(model, space, data.Venue.Songs);
        var users = data.Venue.Users.ToDictionary(u => u.Id);
        var contexts = data.ValidationInteractions.Where(i => i.Enjoyed).GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => g.First().Context);
        return user => scorer.Top(
            scorer.Prepare(users.GetValueOrDefault(user), user, contexts.GetValueOrDefault(user, PlayContext.At(DateTime.UnixEpoch, 0)),
                data.Histories.Before(user, DateTime.MaxValue)), count);
    }

    private static List<string> Rank(List<Candidate> pool, float[] scores, double similarWeight, int k)
    {
        var ranking = similarWeight > 0 ? RankFusion.Fuse(pool, scores, similarWeight) : Array.ConvertAll(scores, s => (double)s);
        return RankFusion.Best(ranking, k).Select(i => pool[i].SongId).ToList();
    }

    /// <summary>
    /// Recall@K and NDCG@K of any other ranker (e.g. EASE) on the same held-out users, given each user's history
    /// newest first; with <paramref name="discovery"/> the songs of their history are left out of its list.
    /// </summary>
    public static (double Recall, double Ndcg) EvaluateRanker(
        Func<IReadOnlyList<string>, IEnumerable<string>> rank, KtvDataset data, int k = 20, int maxUsers = 300, int seed = 42, bool discovery = false)
    {
        var (relevant, users) = HeldOut(data, maxUsers, seed);
        var histories = TrainingWindow.Histories(data);
        var (recall, ndcg) = (0.0, 0.0);
        foreach (var user in users)
        {
            var history = histories.GetValueOrDefault(user) ?? [];
            var sung = discovery ? history.ToHashSet(StringComparer.Ordinal) : [];
            var ranked = rank(history).Where(song => !sung.Contains(song)).Take(k).ToList();
            recall += RankingMetrics.RecallAtK(ranked, relevant[user].Songs, k);
            ndcg += RankingMetrics.NdcgAtK(ranked, relevant[user].Songs, k);
        }
        var n = Math.Max(1, users.Count);
        return (recall / n, ndcg / n);
    }

    /// <summary>The held-out users (a seeded sample of at most <paramref name="maxUsers"/>), each with the context of their first held-out song and the songs they enjoyed.</summary>
    private static (Dictionary<string, (Interaction Context, HashSet<string> Songs)> Relevant, List<string> Users) HeldOut(KtvDataset data, int maxUsers, int seed)
    {
        var relevant = data.ValidationInteractions
            .Where(i => i.Enjoyed)
            .GroupBy(i => i.UserId)
            .ToDictionary(g => g.Key, g => (Context: g.First(), Songs: g.Select(i => i.SongId).ToHashSet()));
        var users = relevant.Keys.Order(StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        if (users.Count > maxUsers) users = users.OrderBy(_ => random.Next()).Take(maxUsers).Order(StringComparer.Ordinal).ToList();
        return (relevant, users);
    }
}
