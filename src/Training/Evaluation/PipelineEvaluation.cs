using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.Pipeline;

namespace KtvRec.Training.Evaluation;

/// <summary>A model's lists on held-out users: the default and the discovery list, each beside its candidates' own order without the ranker.</summary>
/// <param name="CandidateRecall">The share of what the users went on to enjoy that the default lists' candidates held at all.</param>
public sealed record ModelQuality(ListQuality Model, ListQuality WithoutModel, ListQuality Discovery, ListQuality DiscoveryWithoutModel, double CandidateRecall);

/// <summary>
/// Lists for held-out users through the one pipeline, as a jukebox would have asked for them at the moment of each
/// user's first held-out song, judged against what they went on to enjoy. Popularity is counted as it stood at the
/// end of the known data.
/// </summary>
public sealed class PipelineEvaluation(RecommendationPipeline pipeline, VenueHistory venue, SongPopularity popularity, int k = PipelineEvaluation.DefaultK)
{
    public const int DefaultK = 20;

    public int K => k;

    /// <summary>How many candidates a list is drawn from.</summary>
    public int Budget => pipeline.Options.CandidateCount;

    /// <summary>The request for a held-out user's default list (favourites may come back) or discovery list.</summary>
    public ListRequest Request(HeldOutUser user, bool discovery) =>
        ListRequest.At(venue, user.UserId, user.At, user.Context, discovery, pipeline.Options, k);

    /// <summary>The songs of a held-out user's list, best first: what is judged, made as serving makes it.</summary>
    public List<string> List(ServedModel model, HeldOutUser user, bool discovery) =>
        pipeline.Rank(Request(user, discovery), model, popularity).ConvertAll(item => model.Rows.Ids[item.Candidate.Row]);

    /// <summary>NDCG@K of the model's default lists: what chooses epochs.</summary>
    public double Ndcg(ServedModel model, IReadOnlyList<HeldOutUser> users) => NdcgPerUser(model, users).DefaultIfEmpty().Average();

    /// <summary>Each user's NDCG@K of the model's default list, in the order of <paramref name="users"/>: what compares two epochs user by user.</summary>
    public double[] NdcgPerUser(ServedModel model, IReadOnlyList<HeldOutUser> users) =>
        [.. users.Select(user => Quality(List(model, user, discovery: false), user.Relevant, k).Ndcg)];

    /// <summary>
    /// NDCG@K of the candidates' own order (no ranker) on discovery lists with these item-to-item weights, where the
    /// similar songs lead: what chooses EASE's λ.
    /// </summary>
    /// <param name="similarity">Weights indexed by song id, as fitted (not yet by <paramref name="catalog"/>'s rows).</param>
    public double NdcgWithoutModel(CatalogRows catalog, Retrieval.SongSimilarity similarity, IReadOnlyList<HeldOutUser> users)
    {
        var weights = similarity.InOrderOf(catalog.Ids);
        return ListQuality.Mean(users.Where(user => user.RelevantNew.Count > 0).Select(user =>
        {
            var list = pipeline.Candidates(Request(user, true), catalog, weights, popularity);
            var order = pipeline.OrderWithoutModel(list, catalog, k);
            return Quality(order.ConvertAll(i => catalog.Ids[list.Candidates[i].Row]), user.RelevantNew, k);
        }).ToList()).Ndcg;
    }

    /// <summary>
    /// The blend, for each kind of list, under which the model's lists for these users have the highest NDCG@K (of
    /// <paramref name="weights"/>, <see cref="OrderBlend.Weights"/> by default; a tie keeps the earlier weight): each
    /// user's candidates are scored once, then ordered under every weight.
    /// </summary>
    public OrderBlend ChooseBlend(ServedModel model, IReadOnlyList<HeldOutUser> users, IReadOnlyList<double>? weights = null)
    {
        weights ??= OrderBlend.Weights;
        var (lists, discovery) = (new double[weights.Count], new double[weights.Count]);
        foreach (var user in users)
        {
            var scored = pipeline.Score(Request(user, false), model, popularity);
            for (var w = 0; w < weights.Count; w++) lists[w] += Quality(pipeline.Order(scored, model, k, weights[w]), model, user.Relevant).Ndcg;
            if (user.RelevantNew.Count == 0) continue;
            var fresh = pipeline.Score(Request(user, true), model, popularity);
            for (var w = 0; w < weights.Count; w++) discovery[w] += Quality(pipeline.Order(fresh, model, k, weights[w]), model, user.RelevantNew).Ndcg;
        }
        return new OrderBlend(weights[Best(lists)], weights[Best(discovery)]);
    }

    private static int Best(double[] totals)
    {
        var best = 0;
        for (var i = 1; i < totals.Length; i++)
        {
            if (totals[i] > totals[best]) best = i;
        }
        return best;
    }

    /// <summary>The model's default and discovery lists, and each's candidates in their own order without it, on these users.</summary>
    public ModelQuality Evaluate(ServedModel model, IReadOnlyList<HeldOutUser> users)
    {
        var (lists, withoutModel, discovery, discoveryWithoutModel) = (new List<ListQuality>(), new List<ListQuality>(), new List<ListQuality>(), new List<ListQuality>());
        var found = new List<double>();
        foreach (var user in users)
        {
            var scored = pipeline.Score(Request(user, false), model, popularity);
            lists.Add(Quality(pipeline.Order(scored, model, k), model, user.Relevant));
            withoutModel.Add(Quality(pipeline.OrderWithoutModel(scored, model, k), model, user.Relevant));
            found.Add((double)scored.Candidates.Count(c => user.Relevant.Contains(model.Rows.Ids[c.Candidate.Row])) / user.Relevant.Count);
            if (user.RelevantNew.Count == 0) continue;
            var fresh = pipeline.Score(Request(user, true), model, popularity);
            discovery.Add(Quality(pipeline.Order(fresh, model, k), model, user.RelevantNew));
            discoveryWithoutModel.Add(Quality(pipeline.OrderWithoutModel(fresh, model, k), model, user.RelevantNew));
        }
        return new ModelQuality(
            ListQuality.Mean(lists), ListQuality.Mean(withoutModel), ListQuality.Mean(discovery), ListQuality.Mean(discoveryWithoutModel),
            found.Count == 0 ? 0 : found.Average());
    }

    private ListQuality Quality(List<ScoredCandidate> list, ServedModel model, IReadOnlySet<string> relevant) =>
        Quality(list.ConvertAll(item => model.Rows.Ids[item.Candidate.Row]), relevant, k);

    public static ListQuality Quality(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k) =>
        new(RankingMetrics.RecallAtK(ranked, relevant, k), RankingMetrics.NdcgAtK(ranked, relevant, k));
}
