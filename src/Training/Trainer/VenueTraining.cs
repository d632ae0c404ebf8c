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
/// An incremental retrain (<c>startFrom</c>) goes the same way from the serving model: its λ kept, its vocabulary grown
/// by the new users and songs (<see cref="ModelGrowth"/>), the ranker trained on from its weights for a few passes over
/// the queries of the users who sang since its data and a replay of older ones (<see cref="RowsSince"/>), and judged by the
/// same gate.
/// </summary>
public static class VenueTraining
{
    /// <summary>The same from a snapshot, which stays in memory until training ends (the service builds the history first and lets the snapshot go).</summary>
    public static (TrainedModel Model, VenueTrainingReport Report) Train(
        VenueSnapshot snapshot, VenueTrainingOptions options, ILogger? logger = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default, CurrentModel? serving = null,
        PeakMemory? memory = null, TrainedModel? startFrom = null) =>
        Train(VenueHistory.From(snapshot), options, logger, onEpoch, cancellationToken, serving, memory, startFrom);

    /// <param name="venue">The venue's history: the window's events are not needed past it.</param>
    /// <param name="serving">The model serving now, if any: compared with the new one on the gate users it has not seen.</param>
    /// <param name="memory">The run's memory, when the caller measured a stage before this one (reading the snapshot).</param>
    /// <param name="startFrom">The model an incremental retrain grows (left as it is; <see cref="CanGrow"/> must hold); null: from scratch.</param>
    public static (TrainedModel Model, VenueTrainingReport Report) Train(
        VenueHistory venue, VenueTrainingOptions options, ILogger? logger = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default, CurrentModel? serving = null,
        PeakMemory? memory = null, TrainedModel? startFrom = null)
    {
        if (startFrom is not null && !CanGrow(startFrom, options))
            throw new ArgumentException($"Model {startFrom.Metadata.Version} is not of the shape these options train: retrain from scratch.", nameof(startFrom));
        if (startFrom is not null) options = options with { EaseLambdas = [startFrom.Metadata.EaseLambda] };
        var clock = Stopwatch.StartNew();
        memory ??= new PeakMemory(logger);
        if (venue.Interactions.Count < options.MinInteractions)
            throw new TrainingFailedException($"too little data: {venue.Interactions.Count} labeled interactions, at least {options.MinInteractions} needed");
        var held = HeldOutUsers.Split(venue, options.HeldOut);
        if (held.Gate.Count == 0 || held.Epochs.Count == 0)
            throw new TrainingFailedException($"too little data: {held.Gate.Count + held.Weights.Count + held.Epochs.Count} users have enough enjoyed songs to hold some out, 3 needed");
        var catalog = new CatalogRows(venue.Songs);
        var pipeline = new RecommendationPipeline(options.Pipeline);
        memory.StageEnded("history");

        var selection = VenueSelection.Select(venue, held, catalog, pipeline, options, logger, memory, onEpoch, cancellationToken, serving, startFrom);
        memory.StageEnded("judging");
        var trained = selection.Trained;
        try
        {
            var (model, finalSpace, finalSimilarity, finalRows, queries) = options.FinalFit
                ? FinalFit(venue, catalog, pipeline, selection.SimilarityOptions, options, trained, logger, memory, onEpoch, cancellationToken, startFrom)
                : (trained.Model, selection.Space, selection.Similarity, selection.Rows, selection.Queries);
            memory.StageEnded("final fit");
            var report = new VenueTrainingReport(
                options.Kind, selection.Ranking, trained.ValidationAuc, trained.ValidationLogLoss, finalRows, queries, trained.Epochs.Count, trained.BestEpoch,
                trained.TrainSeconds, trained.SamplesPerSecond, selection.SimilarityOptions.EaseLambda, selection.Blend, options.FinalFit,
                clock.Elapsed.TotalSeconds, selection.Comparison, memory.RunPeakMb, startFrom?.Metadata.Version);
            var metadata = new ModelMetadata(
                Version: options.Version ?? VenueTrainingOptions.NewVersion(DateTime.UtcNow), Shape(options, finalSpace), KtvFeatures.Slots,
                options.Trainer, report.ToMetrics(), venue.Start, venue.LastEvent, DateTime.UtcNow, trained.TrainSeconds, trained.BestEpoch,
                typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown", selection.SimilarityOptions.EaseLambda, Blend: selection.Blend,
                StartedFrom: startFrom?.Metadata.Version);
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
        TrainingResult selected, ILogger? logger, PeakMemory memory, Action<EpochReport>? onEpoch, CancellationToken cancellationToken,
        TrainedModel? startFrom)
    {
        var rows = RankerRows.Build(venue, venue.Interactions, catalog, pipeline, similarity, options.Rows, options.Seed, cancellationToken, Since(startFrom, options));
        var (space, start) = SpaceOf(rows, options, startFrom);
        memory.StageEnded("final rows");
        var schedule = selected.Epochs.Take(selected.BestEpoch).Select(e => e.LearningRate).ToList();
        logger?.LogInformation("Final fit on the whole window: {Rows} rows, {Epochs} epochs", rows.Count, schedule.Count);
        var result = new ModelTrainer(options.Trainer, logger).Train(
            Shape(options, space), rows.EncodeByBatch(space), null, onEpoch, cancellationToken, null, schedule, start);
        return (result.Model, space, SongSimilarity.Fit(Positives(venue.Interactions), similarity), rows.Count, rows.Queries);
    }

    /// <summary>Whether an incremental retrain with <paramref name="options"/> can grow <paramref name="model"/>: the same kind, fields, embedding and DNN.</summary>
    public static bool CanGrow(TrainedModel model, VenueTrainingOptions options)
    {
        var (shape, wanted) = (model.Metadata.Shape, Shape(options, model.Space));
        return model.Metadata.Format == ModelMetadata.CurrentFormat && shape.Kind == wanted.Kind && shape.FieldCount == wanted.FieldCount &&
               shape.EmbeddingDim == wanted.EmbeddingDim && shape.HiddenLayers.SequenceEqual(wanted.HiddenLayers) && shape.Dropout == wanted.Dropout &&
               shape.BatchNorm == wanted.BatchNorm && model.Metadata.DataTo is not null;
    }

    /// <summary>An incremental retrain's queries: those since the data of the model it grows.</summary>
    internal static RowsSince? Since(TrainedModel? startFrom, VenueTrainingOptions options) =>
        startFrom?.Metadata.DataTo is { } dataTo ? new RowsSince(dataTo, options.Incremental.Replay) : null;

    /// <summary>The vocabulary of <paramref name="rows"/> and the model training starts from: fitted anew and none, or <paramref name="startFrom"/>'s grown by what the rows hold.</summary>
    internal static (FeatureSpace Space, CtrModel? Start) SpaceOf(RankerRows rows, VenueTrainingOptions options, TrainedModel? startFrom)
    {
        if (startFrom is null) return (rows.FitSpace(options.Rows.MinCount), null);
        var (space, rowsFrom) = rows.ExtendSpace(startFrom.Space);
        return (space, ModelGrowth.Grow(startFrom.Model, Shape(options, space), rowsFrom));
    }

    internal static List<(string, string)> Positives(IEnumerable<Interaction> interactions) =>
        interactions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList();

    internal static ModelShape Shape(VenueTrainingOptions options, FeatureSpace space) =>
        new(options.Kind, space.Size, space.FieldCount, options.EmbeddingDim, options.Hidden, options.Dropout);
}
