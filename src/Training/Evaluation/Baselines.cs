using KtvRec.Training.Features;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Evaluation;

/// <summary>
/// The references a model is reported beside, on the same held-out users with the same requests: popularity and the
/// user's own favourites (most enjoyed, then the latest) followed by item-kNN, for the default list where favourites
/// may come back; item-kNN and EASE (the whole model, not only its strongest weights) for the discovery list.
/// Each fills up with popularity.
/// </summary>
public sealed class Baselines(PipelineEvaluation evaluation, VenueHistory venue, CatalogRows catalog, SongPopularity popularity, SongNeighbours cosine, Ease? ease)
{
    private readonly SongNeighbours _cosine = cosine.InOrderOf(catalog.Ids);

    /// <returns>Popularity and favourites then item-kNN for the default list; item-kNN, EASE and popularity for the discovery list.</returns>
    public (ListQuality Popularity, ListQuality FavouritesThenKnn, ListQuality Knn, ListQuality Ease, ListQuality DiscoveryPopularity) Evaluate(IReadOnlyList<HeldOutUser> users)
    {
        var (popular, favourites, knn, full, popularNew) = (new List<ListQuality>(), new List<ListQuality>(), new List<ListQuality>(), new List<ListQuality>(), new List<ListQuality>());
        var k = evaluation.K;
        foreach (var user in users)
        {
            var request = evaluation.Request(user, discovery: false);
            var ids = popularity.Rows.Select(row => catalog.Ids[row]);
            popular.Add(PipelineEvaluation.Quality(Top(ids, request.Excluded, k), user.Relevant, k));
            var similar = Similar(request.History);
            favourites.Add(PipelineEvaluation.Quality(Top(Favourites(user).Concat(similar).Concat(ids), request.Excluded, k), user.Relevant, k));
            if (user.RelevantNew.Count == 0) continue;
            var discovery = evaluation.Request(user, discovery: true);
            knn.Add(PipelineEvaluation.Quality(Top(similar.Concat(ids), discovery.Excluded, k), user.RelevantNew, k));
            popularNew.Add(PipelineEvaluation.Quality(Top(ids, discovery.Excluded, k), user.RelevantNew, k));
            if (ease is not null) full.Add(PipelineEvaluation.Quality(Top(ease.Rank(discovery.History).Concat(ids), discovery.Excluded, k), user.RelevantNew, k));
        }
        return (ListQuality.Mean(popular), ListQuality.Mean(favourites), ListQuality.Mean(knn), ListQuality.Mean(full), ListQuality.Mean(popularNew));
    }

    /// <summary>
    /// EASE at its best on these users: the whole model (its <paramref name="songs"/> most enjoyed songs) at each λ, the
    /// best discovery NDCG kept, as a reference that had the test users' help (the pipeline's own λ never has).
    /// </summary>
    public (double Lambda, ListQuality Quality) EaseAtItsBest(
        IReadOnlyList<(string UserId, string SongId)> positives, IReadOnlyList<double> lambdas, int songs, IReadOnlyList<HeldOutUser> users)
    {
        var k = evaluation.K;
        var ids = popularity.Rows.Select(row => catalog.Ids[row]).ToList();
        // The Gram matrix counted once, solved at each λ.
        using var gram = EaseGram.Count(positives, songs);
        return lambdas.Select(lambda =>
        {
            var fitted = new Ease(gram.Songs, gram.Weights(lambda));
            var quality = ListQuality.Mean(users.Where(u => u.RelevantNew.Count > 0).Select(user =>
            {
                var discovery = evaluation.Request(user, discovery: true);
                return PipelineEvaluation.Quality(Top(fitted.Rank(discovery.History).Concat(ids), discovery.Excluded, k), user.RelevantNew, k);
            }).ToList());
            return (lambda, quality);
        }).MaxBy(result => result.quality.Ndcg);
    }

    /// <summary>Item-kNN: the songs most similar by cosine to the user's recent songs, strongest first.</summary>
    private List<string> Similar(IReadOnlyList<string> history)
    {
        using var pass = new SimilarityPass(_cosine, catalog.RowsOf(history.Take(UserSignals.RecentSongs)).ToArray());
        return pass.Ranked.Select(row => catalog.Ids[row]).ToList();
    }

    /// <summary>The songs the user enjoyed before the request, most often first, then the latest.</summary>
    private IEnumerable<string> Favourites(HeldOutUser user) =>
        venue.TimelineOf(user.UserId)!.Interactions.Where(i => i.Enjoyed && i.At < user.At)
            .GroupBy(i => i.SongId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(i => i.At))
            .Select(g => g.Key);

    private static List<string> Top(IEnumerable<string> ranked, IReadOnlySet<string> excluded, int k) =>
        ranked.Where(song => !excluded.Contains(song)).Distinct(StringComparer.Ordinal).Take(k).ToList();
}
