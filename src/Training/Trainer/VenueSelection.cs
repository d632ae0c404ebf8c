using KtvRec.Training.Data;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;
using Microsoft.Extensions.Logging;

namespace KtvRec.Training.Trainer;

/// <summary>What selection chose, and how the model it chose did on the gate users beside the references.</summary>
/// <param name="Trained">The ranker trained on the known part of the window, at its best epoch.</param>
/// <param name="Rows">The ranker's training rows, and the queries they came from.</param>
internal sealed record Selection(
    TrainingResult Trained, FeatureSpace Space, SongSimilarity Similarity, SimilarityOptions SimilarityOptions, OrderBlend Blend,
    RankingReport Ranking, ServingComparison? Comparison, int Rows, int Queries);

/// <summary>
/// Everything before the final fit, on the window with the held-out users' songs held out: EASE's λ, the ranker's
/// epochs and the blend chosen, and the gate users' figures. What it builds on the way (its rows and their encoding,
/// EASE's whole model for the reference, the prepared models) is garbage once it returns, so the final fit, the
/// run's largest stage, does not hold it too.
/// </summary>
internal static class VenueSelection
{
    public static Selection Select(
        VenueHistory venue, HeldOutUsers held, CatalogRows catalog, RecommendationPipeline pipeline, VenueTrainingOptions options,
        ILogger? logger, PeakMemory memory, Action<EpochReport>? onEpoch, CancellationToken cancellationToken, CurrentModel? serving,
        TrainedModel? startFrom)
    {
        var popularity = SongPopularity.At(held.Known, held.End, options.Pipeline.PopularityWindowDays, catalog);
        var evaluation = new PipelineEvaluation(pipeline, venue, popularity);
        var selectionUsers = held.Weights.Count > 0 ? held.Weights : held.Epochs;

        // EASE's λ, by the candidates' own order on the weight users; the chosen fit is also the gate's EASE reference.
        var positives = VenueTraining.Positives(held.Known);
        var walk = SongWalk.Fit(positives);
        var (lambda, ease) = ChooseLambda(options, positives, walk, catalog, evaluation, selectionUsers, logger);
        var similarityOptions = new SimilarityOptions(lambda, options.EaseSongs);
        var similarity = new SongSimilarity(ease?.Neighbours() ?? SongNeighbours.Empty, walk, SongSimilarity.PopularOf(positives));
        memory.StageEnded("similarity");

        // The ranker, its epochs chosen on the epoch users through the pipeline.
        var rows = RankerRows.Build(
            venue, held.Known, catalog, pipeline, similarityOptions, options.Rows, options.Seed, cancellationToken, VenueTraining.Since(startFrom, options));
        if (rows.Positives == 0 && startFrom is not null)
            throw new TrainingFailedException($"nothing new to learn: nobody enjoyed a song the candidates held since model {startFrom.Metadata.Version}'s data");
        if (rows.Positives == 0) throw new TrainingFailedException("too little data: no candidate list held a song its user went on to enjoy");
        var (space, start) = VenueTraining.SpaceOf(rows, options, startFrom);
        // An incremental retrain trains on for a fixed number of passes; from scratch, epochs are chosen by early stopping.
        var schedule = startFrom is null ? null : Enumerable.Repeat(options.Trainer.LearningRate, options.Incremental.Epochs).ToList();
        var validation = RankerRows.ForHeldOut(held.Epochs, evaluation, catalog, pipeline, similarity, popularity).EncodeByBatch(space);
        double[] Ranking(CtrModel model) => evaluation.NdcgPerUser(ServedModel.Prepare(model, space, similarity, catalog.Songs), held.Epochs);
        memory.StageEnded("ranker rows");
        var trained = new ModelTrainer(options.Trainer, logger).Train(
            VenueTraining.Shape(options, space), rows.EncodeByBatch(space), validation, onEpoch, cancellationToken, Ranking, schedule, start);
        memory.StageEnded("selection");
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
            return new Selection(trained, space, similarity, similarityOptions, blend, ranking, comparison, rows.Count, rows.Queries);
        }
        catch
        {
            trained.Model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// EASE at each λ on the selection users, by the order of the candidates it makes (no ranker yet): the Gram matrix
    /// counted once, each λ's strongest weights only. The chosen λ's whole model is the gate's EASE reference.
    /// </summary>
    private static (double Lambda, Ease? Ease) ChooseLambda(
        VenueTrainingOptions options, List<(string, string)> positives, SongNeighbours walk, CatalogRows catalog,
        PipelineEvaluation evaluation, IReadOnlyList<HeldOutUser> users, ILogger? logger)
    {
        if (options.EaseSongs == 0 || positives.Count == 0) return (options.EaseLambdas[0], null);
        using var gram = EaseGram.Count(positives, options.EaseSongs);
        (double Lambda, double Ndcg)? best = null;
        foreach (var lambda in options.EaseLambdas)
        {
            var ndcg = options.EaseLambdas.Count == 1 ? 0 : evaluation.NdcgWithoutModel(catalog, new SongSimilarity(gram.Neighbours(lambda), walk, []), users);
            logger?.LogInformation("EASE λ {Lambda}: NDCG@{K} {Ndcg:F4} of the candidates' own order on {Users} users", lambda, evaluation.K, ndcg, users.Count);
            if (best is null || ndcg > best.Value.Ndcg) best = (lambda, ndcg);
            // Each λ's solve and candidate lists, handed back before the next λ peaks on them (10M events: 1.4 GB above the window).
            if (options.EaseLambdas.Count > 1) NativeMemory.CollectBetweenStages();
        }
        return (best!.Value.Lambda, new Ease(gram.Songs, gram.Weights(best.Value.Lambda)));
    }

    private static RankingReport Report(
        PipelineEvaluation evaluation, ServedModel served, HeldOutUsers held, VenueHistory venue, CatalogRows catalog, SongPopularity popularity, Ease? ease)
    {
        var lists = evaluation.Evaluate(served, held.Gate);
        var cosine = Cosine.Fit(VenueTraining.Positives(held.Known));
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
}
