using System.Diagnostics;
using KtvRec.Domain;
using KtvRec.Training.Data;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;
using Microsoft.Extensions.Logging;

namespace KtvRec.Training.Trainer;

/// <summary>
/// From a venue's events to a served model, every step through the one pipeline. Selection: users are held out in
/// three disjoint sets (<see cref="HeldOutUsers"/>); EASE's λ is chosen on the weight users by the candidates' own
/// order; the ranker trains on the candidates the pipeline generates at moments of every user's history
/// (<see cref="RankerRows"/>), its epochs chosen on the epoch users; the gate users say how good it is, beside the
/// references. Then the model that serves is trained again on the whole window with what was chosen.
/// </summary>
public static class VenueTraining
{
    /// <param name="serving">The model serving now, if any: compared with the new one on the gate users it has not seen.</param>
    public static (TrainedModel Model, VenueTrainingReport Report) Train(
        VenueSnapshot snapshot, VenueTrainingOptions options, ILogger? logger = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default, CurrentModel? serving = null)
    {
        var clock = Stopwatch.StartNew();
        var venue = VenueHistory.From(snapshot);
        if (venue.Interactions.Count < options.MinInteractions)
            throw new TrainingFailedException($"too little data: {venue.Interactions.Count} labeled interactions, at least {options.MinInteractions} needed");
        var held = HeldOutUsers.Split(venue, options.HeldOut);
        if (held.Gate.Count == 0 || held.Epochs.Count == 0)
            throw new TrainingFailedException($"too little data: {held.Gate.Count + held.Weights.Count + held.Epochs.Count} users have enough enjoyed songs to hold some out, 3 needed");
        var catalog = new CatalogRows(snapshot.Songs);
        var pipeline = new RecommendationPipeline(options.Pipeline);
        var popularity = SongPopularity.At(held.Known, held.End, options.Pipeline.PopularityWindowDays, catalog);
        var evaluation = new PipelineEvaluation(pipeline, venue, popularity);
        var selectionUsers = held.Weights.Count > 0 ? held.Weights : held.Epochs;

        // EASE's λ, by the candidates' own order on the weight users; the chosen fit is also the gate's EASE reference.
        var positives = Positives(held.Known);
        var walk = SongWalk.Fit(positives);
        var (lambda, ease) = ChooseLambda(options, positives, walk, catalog, pipeline, evaluation, selectionUsers, logger);
        var similarityOptions = new SimilarityOptions(lambda, options.EaseSongs);
        var similarity = new SongSimilarity(ease?.Neighbours() ?? SongNeighbours.Empty, walk, SongSimilarity.PopularOf(positives));

        // The ranker, its epochs chosen on the epoch users through the pipeline.
        var rows = RankerRows.Build(venue, held.Known, catalog, pipeline, similarityOptions, options.Rows, options.Seed, cancellationToken);
        if (rows.Positives == 0) throw new TrainingFailedException("too little data: no candidate list held a song its user went on to enjoy");
        var space = rows.FitSpace(options.Rows.MinCount);
        var validation = RankerRows.ForHeldOut(held.Epochs, evaluation, catalog, pipeline, similarity, popularity).Encode(space);
        double[] Ranking(CtrModel model) => evaluation.NdcgPerUser(ServedModel.Prepare(model, space, similarity, catalog.Songs), held.Epochs);
        var trained = new ModelTrainer(options.Trainer, logger).Train(Shape(options, space), rows.Encode(space), validation, onEpoch, cancellationToken, Ranking);
        try
        {
            // How much the lists keep of their candidates' own order, on every selection user (none of them the gate's).
            var selected = ServedModel.Prepare(trained.Model, space, similarity, catalog.Songs);
            var blend = evaluation.ChooseBlend(selected, [.. held.Weights, .. held.Epochs], options.BlendWeights);
            var served = selected.With(blend);
            var ranking = Report(evaluation, served, held, venue, catalog, popularity, ease);
            var comparison = serving is null ? null : Compare(serving, served, held, venue, pipeline, evaluation);
            logger?.LogInformation(
                "Selected: EASE λ {Lambda}, epoch {Epoch}, blend {Default} (default lists) and {Discovery} (discovery lists); gate users NDCG@{K} {Ndcg:F4} (without the ranker {WithoutModel:F4}, popularity {Popularity:F4})",
                lambda, trained.BestEpoch, blend.Default, blend.Discovery, ranking.K, ranking.Model.Ndcg, ranking.WithoutModel.Ndcg, ranking.Popularity.Ndcg);

            var (model, finalSpace, finalSimilarity, finalRows, queries) = options.FinalFit
                ? FinalFit(venue, catalog, pipeline, similarityOptions, options, trained, logger, onEpoch, cancellationToken)
                : (trained.Model, space, similarity, rows.Count, rows.Queries);
            var report = new VenueTrainingReport(
                options.Kind, ranking, trained.ValidationAuc, trained.ValidationLogLoss, finalRows, queries, trained.Epochs.Count, trained.BestEpoch,
                trained.TrainSeconds, trained.SamplesPerSecond, lambda, blend, options.FinalFit, clock.Elapsed.TotalSeconds, comparison);
            var metadata = new ModelMetadata(
                Version: options.Version ?? VenueTrainingOptions.NewVersion(DateTime.UtcNow), Shape(options, finalSpace), KtvFeatures.Slots,
                options.Trainer, report.ToMetrics(), venue.Start, venue.End, DateTime.UtcNow, trained.TrainSeconds, trained.BestEpoch,
                typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown", lambda, Blend: blend);
            if (!ReferenceEquals(model, trained.Model)) trained.Model.Dispose();
            return (new TrainedModel(model, finalSpace, metadata, finalSimilarity), report);
        }
        catch
        {
            trained.Model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The served model: the ranker trained again on the whole window's rows (the held-out songs now among them) for
    /// the epochs and learning rates selection chose, and EASE's and the walk's weights fitted on the whole window.
    /// </summary>
    private static (CtrModel Model, FeatureSpace Space, SongSimilarity Similarity, int Rows, int Queries) FinalFit(
        VenueHistory venue, CatalogRows catalog, RecommendationPipeline pipeline, SimilarityOptions similarity, VenueTrainingOptions options,
        TrainingResult selected, ILogger? logger, Action<EpochReport>? onEpoch, CancellationToken cancellationToken)
    {
        var rows = RankerRows.Build(venue, venue.Interactions, catalog, pipeline, similarity, options.Rows, options.Seed, cancellationToken);
        var space = rows.FitSpace(options.Rows.MinCount);
        var schedule = selected.Epochs.Take(selected.BestEpoch).Select(e => e.LearningRate).ToList();
        logger?.LogInformation("Final fit on the whole window: {Rows} rows, {Epochs} epochs", rows.Count, schedule.Count);
        var result = new ModelTrainer(options.Trainer, logger).Train(Shape(options, space), rows.Encode(space), null, onEpoch, cancellationToken, null, schedule);
        return (result.Model, space, SongSimilarity.Fit(Positives(venue.Interactions), similarity), rows.Count, rows.Queries);
    }

    /// <summary>EASE at each λ on the selection users, by the order of the candidates it makes (no ranker yet).</summary>
    private static (double Lambda, Ease? Ease) ChooseLambda(
        VenueTrainingOptions options, List<(string, string)> positives, SongNeighbours walk, CatalogRows catalog, RecommendationPipeline pipeline,
        PipelineEvaluation evaluation, IReadOnlyList<HeldOutUser> users, ILogger? logger)
    {
        if (options.EaseSongs == 0 || positives.Count == 0) return (options.EaseLambdas[0], null);
        (double Lambda, Ease Ease, double Ndcg)? best = null;
        foreach (var lambda in options.EaseLambdas)
        {
            var ease = Ease.Fit(positives, lambda, options.EaseSongs);
            var ndcg = options.EaseLambdas.Count == 1 ? 0 : evaluation.NdcgWithoutModel(catalog, new SongSimilarity(ease.Neighbours(), walk, []), users);
            logger?.LogInformation("EASE λ {Lambda}: NDCG@{K} {Ndcg:F4} of the candidates' own order on {Users} users", lambda, evaluation.K, ndcg, users.Count);
            if (best is null || ndcg > best.Value.Ndcg) best = (lambda, ease, ndcg);
        }
        return (best!.Value.Lambda, best.Value.Ease);
    }

    private static RankingReport Report(
        PipelineEvaluation evaluation, ServedModel served, HeldOutUsers held, VenueHistory venue, CatalogRows catalog, SongPopularity popularity, Ease? ease)
    {
        var lists = evaluation.Evaluate(served, held.Gate);
        var cosine = Cosine.Fit(Positives(held.Known));
        var (popular, favourites, knn, easeQuality, _) = new Baselines(evaluation, venue, catalog, popularity, cosine, ease).Evaluate(held.Gate);
        return new RankingReport(held.Gate.Count, evaluation.K, lists, popular, favourites, knn, easeQuality, evaluation.Budget);
    }

    /// <summary>
    /// The serving model and the new one (as selected, before the final fit saw the held-out songs) on the gate users
    /// whose held-out songs came after the serving model's data: neither has seen them.
    /// </summary>
    private static ServingComparison Compare(
        CurrentModel serving, ServedModel selected, HeldOutUsers held, VenueHistory venue, RecommendationPipeline pipeline, PipelineEvaluation evaluation)
    {
        var unseen = held.Gate.Where(user => serving.DataTo is not { } dataTo || user.At > dataTo).ToList();
        if (unseen.Count == 0) return new ServingComparison(0, 0, 0);
        var popularity = SongPopularity.At(held.Known, held.End, pipeline.Options.PopularityWindowDays, serving.Model.Rows);
        var servingNdcg = new PipelineEvaluation(pipeline, venue, popularity, evaluation.K).Ndcg(serving.Model, unseen);
        return new ServingComparison(unseen.Count, servingNdcg, evaluation.Ndcg(selected, unseen));
    }

    private static List<(string, string)> Positives(IEnumerable<Interaction> interactions) =>
        interactions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList();

    private static ModelShape Shape(VenueTrainingOptions options, FeatureSpace space) =>
        new(options.Kind, space.Size, space.FieldCount, options.EmbeddingDim, options.Hidden, options.Dropout);
}
