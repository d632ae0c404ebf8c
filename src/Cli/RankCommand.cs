using KtvRec.Domain;
using KtvRec.Training.Data;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

/// <summary>
/// rank: what the service would give, on anyone's interactions. A seeded share of each user's items is held out; the
/// rest is the venue the service trains on, with its defaults (its own selection and gate included); then each
/// held-out user gets the lists a jukebox would get right after the data ends — the default list and the discovery
/// list — judged by Recall@K / NDCG@K beside popularity, item-kNN and EASE at its best on the same users, as JSON.
/// </summary>
public static class RankCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var path = args.RequiredText("interactions");
        var holdout = args.Double("holdout", 0.2, 0.01, 0.9);
        var minWeight = args.Double("min-weight", double.NegativeInfinity);
        var maxUsers = args.Int("ranking-users", int.MaxValue, 1, int.MaxValue);
        var k = args.Int("k", PipelineEvaluation.DefaultK, 1, 1000);
        var referenceSongs = args.Int("reference-songs", 10_000, 0, 30_000);
        var json = args.Text("json");
        var options = ModelArguments.ReadVenueTraining(args);
        args.RefuseUnknown();

        var all = InteractionsFile.Read(path).Where(r => r.Weight >= minWeight).ToList();
        if (all.Count == 0) throw new InvalidDataException($"No interactions in {path} have a weight of at least {minWeight}.");
        var (kept, heldOut) = InteractionsFile.Holdout(all, holdout, options.Seed);
        // Times are kept where the file has them; otherwise drawn in the 30 days before now, as a jukebox would have sent them.
        var venue = InteractionsFile.ToVenue(kept, double.NegativeInfinity, DateTime.UtcNow, options.Seed, catalogOf: all);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (model, report) = VenueTraining.Train(venue, options, onEpoch: JsonOutput.Progress(error));
        var trainSeconds = clock.Elapsed.TotalSeconds;
        using (model)
        {
            var history = VenueHistory.From(venue);
            var pipeline = new RecommendationPipeline(options.Pipeline);
            var catalog = new CatalogRows(venue.Songs);
            var at = venue.Events.Max(e => e.OccurredAt).AddSeconds(1);
            var popularity = SongPopularity.At(history.Interactions, at, options.Pipeline.PopularityWindowDays, catalog);
            var evaluation = new PipelineEvaluation(pipeline, history, popularity, k);
            var users = HeldOut(heldOut, history, at).Take(maxUsers).ToList();
            var served = ServedModel.Prepare(model, venue.Songs);
            var lists = evaluation.Evaluate(served, users);
            var positives = history.Interactions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList();
            var baselines = new Baselines(evaluation, history, catalog, popularity, Cosine.Fit(positives), ease: null);
            var (popular, favourites, knn, _, popularNew) = baselines.Evaluate(users);
            var (lambda, ease) = referenceSongs > 0 ? baselines.EaseAtItsBest(positives, [50, 100, 200, 400, 800], referenceSongs, users) : (0, default);

            var result = new Dictionary<string, object?>
            {
                ["interactions"] = all.Count,
                ["users"] = venue.Users.Count,
                ["songs"] = venue.Songs.Count,
                ["holdout"] = holdout,
                ["seed"] = options.Seed,
                ["ranking_users"] = users.Count,
                [$"recall@{k}"] = lists.Model.Recall,
                [$"ndcg@{k}"] = lists.Model.Ndcg,
                [$"without_model_recall@{k}"] = lists.WithoutModel.Recall,
                [$"without_model_ndcg@{k}"] = lists.WithoutModel.Ndcg,
                [$"discovery_recall@{k}"] = lists.Discovery.Recall,
                [$"discovery_ndcg@{k}"] = lists.Discovery.Ndcg,
                [$"discovery_without_model_recall@{k}"] = lists.DiscoveryWithoutModel.Recall,
                [$"discovery_without_model_ndcg@{k}"] = lists.DiscoveryWithoutModel.Ndcg,
                [$"popularity_recall@{k}"] = popular.Recall,
                [$"popularity_ndcg@{k}"] = popular.Ndcg,
                [$"discovery_popularity_recall@{k}"] = popularNew.Recall,
                [$"discovery_popularity_ndcg@{k}"] = popularNew.Ndcg,
                [$"favourites_knn_recall@{k}"] = favourites.Recall,
                [$"favourites_knn_ndcg@{k}"] = favourites.Ndcg,
                [$"knn_recall@{k}"] = knn.Recall,
                [$"knn_ndcg@{k}"] = knn.Ndcg,
                [$"ease_recall@{k}"] = ease.Recall,
                [$"ease_ndcg@{k}"] = ease.Ndcg,
                ["ease_best_lambda"] = lambda,
                [$"candidate_recall@{options.Pipeline.CandidateCount}"] = lists.CandidateRecall,
                ["train_seconds"] = trainSeconds,
            };
            // What the service's own gate said of this model, on its own held-out users of the training part.
            foreach (var (name, value) in report.ToMetrics()) result[$"gate_{name}"] = value;
            await JsonOutput.WriteAsync(result, json, output);
        }
        return 0;
    }

    /// <summary>Each held-out user asks right after the data ends, for what they went on to enjoy.</summary>
    private static IEnumerable<HeldOutUser> HeldOut(Dictionary<string, HashSet<string>> heldOut, VenueHistory history, DateTime at)
    {
        foreach (var (user, songs) in heldOut.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var played = history.TimelineOf(user)?.PlayedBefore(at, int.MaxValue) ?? [];
            yield return new HeldOutUser(user, at, PlayContext.At(at, 0), songs, songs.Where(s => !played.Contains(s)).ToHashSet(StringComparer.Ordinal));
        }
    }
}
