namespace KtvRec.Training.Evaluation;

/// <summary>Recall@K and NDCG@K of one ranker's lists, averaged over users.</summary>
public readonly record struct ListQuality(double Recall, double Ndcg)
{
    public static ListQuality Mean(IReadOnlyCollection<ListQuality> users) =>
        users.Count == 0 ? default : new(users.Average(u => u.Recall), users.Average(u => u.Ndcg));
}

/// <summary>
/// What the gate and every report say of a model, on the gate's held-out users, beside the references that answer the
/// same question: the default list (favourites may come back) against popularity and the user's own favourites then
/// item-kNN; the discovery list (only songs new to the user) against item-kNN and EASE; each beside the same candidates
/// without the ranker (what the model adds); and the share of what the users went on to enjoy that the candidates held.
/// </summary>
public sealed record RankingReport(
    int Users, int K, ModelQuality Lists, ListQuality Popularity, ListQuality FavouritesThenKnn, ListQuality Knn, ListQuality Ease, int Candidates)
{
    public ListQuality Model => Lists.Model;
    public ListQuality Discovery => Lists.Discovery;
    public ListQuality WithoutModel => Lists.WithoutModel;

    /// <summary>The report as the run's metrics (their names are what GET /models and the dashboard show).</summary>
    public IEnumerable<KeyValuePair<string, double>> ToMetrics()
    {
        IEnumerable<KeyValuePair<string, double>> Pair(string prefix, ListQuality quality) =>
        [
            new($"{prefix}recall@{K}", quality.Recall),
            new($"{prefix}ndcg@{K}", quality.Ndcg),
        ];
        return
        [
            .. Pair("", Model), .. Pair("without_model_", WithoutModel),
            .. Pair("discovery_", Discovery), .. Pair("discovery_without_model_", Lists.DiscoveryWithoutModel),
            .. Pair("popularity_", Popularity), .. Pair("favourites_knn_", FavouritesThenKnn), .. Pair("knn_", Knn), .. Pair("ease_", Ease),
            new($"candidate_recall@{Candidates}", Lists.CandidateRecall), new("gate_users", Users),
        ];
    }
}
