using KtvRec.Domain;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using Microsoft.Extensions.Logging;

namespace KtvRec.Training.Trainer;

/// <summary>
/// What to train on a venue's data and how. Its defaults (with those of <see cref="TrainerOptions"/> and
/// <see cref="DatasetOptions"/>) are the only ones: the service's <c>KtvRec:Training</c> options and the CLI's flags
/// start from <see cref="Defaults"/>.
/// </summary>
public sealed record VenueTrainingOptions
{
    public static VenueTrainingOptions Defaults { get; } = new();

    public ModelKind Kind { get; init; } = ModelKind.DeepFm;
    public int EmbeddingDim { get; init; } = 10;
    public IReadOnlyList<int> Hidden { get; init; } = ModelShape.DefaultHidden;
    public double Dropout { get; init; } = 0.2;
    public DatasetOptions Dataset { get; init; } = new();
    public TrainerOptions Trainer { get; init; } = new();

    /// <summary>K of Recall@K and NDCG@K.</summary>
    public int RankingK { get; init; } = 20;

    /// <summary>Held-out users whose whole-catalog ranking is measured (each costs one catalog-sized prediction).</summary>
    public int RankingUsers { get; init; } = 200;

    /// <summary>Held-out users whose ranking chooses the best epoch (a sample of their own, so each epoch costs little).</summary>
    public int SelectionUsers { get; init; } = 200;

    /// <summary>
    /// Held-out users whose ranking chooses the similar-songs weight and so the best trial: once a trial, so it can
    /// afford more users than each epoch's choice. On a sparse venue (50,000 songs, six events each) 200 users hold a
    /// handful of hits, and the weight they chose was noise: 0 with one seed, 4 with another.
    /// </summary>
    public int WeightUsers { get; init; } = 1_000;

    /// <summary>Candidates per user the model ranks when evaluated, as when it serves.</summary>
    public int Candidates { get; init; } = RankingEvaluator.DefaultCandidates;

    /// <summary>
    /// The most enjoyed songs whose neighbours are learned by EASE rather than counted by cosine (0: cosine only). Its
    /// cost grows with the cube: ~5,000 songs take seconds and 100 MB per matrix, 10,000 eight times that.
    /// </summary>
    public int EaseSongs { get; init; } = 5_000;

    /// <summary>EASE's L2 regularisation λ.</summary>
    public double EaseLambda { get; init; } = Ease.DefaultLambda;

    /// <summary>
    /// Time the retrain may spend trying the variants of <see cref="HyperparameterSearch"/> after the configured
    /// settings; the best on ranking quality is kept. Zero trains the configured settings only.
    /// </summary>
    public TimeSpan SearchBudget { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Evaluate as a discovery list: songs the user enjoyed in training are left out (per-user holdout splits).</summary>
    public bool Discovery { get; init; }

    /// <summary>The version the model is saved and registered under; a UTC timestamp when not given.</summary>
    public string? Version { get; init; }

    public static string NewVersion(DateTime utcNow) => utcNow.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How a model trained on a venue did on the newest slice, next to popularity.</summary>
public sealed record VenueTrainingReport(
    ModelKind Kind, double Auc, double LogLoss, double PopularityAuc, RankingReport Ranking,
    int TrainRows, int ValidationRows, int Epochs, int BestEpoch, double TrainSeconds, double SamplesPerSecond, double SimilarWeight,
    int SearchTrials, double SearchSeconds)
{
    public IReadOnlyDictionary<string, double> ToMetrics() => new Dictionary<string, double>
    {
        ["auc"] = Auc,
        ["logloss"] = LogLoss,
        ["popularity_auc"] = PopularityAuc,
        [$"recall@{Ranking.K}"] = Ranking.Recall,
        [$"ndcg@{Ranking.K}"] = Ranking.Ndcg,
        [$"popularity_recall@{Ranking.K}"] = Ranking.PopularityRecall,
        [$"popularity_ndcg@{Ranking.K}"] = Ranking.PopularityNdcg,
        [$"knn_recall@{Ranking.K}"] = Ranking.KnnRecall,
        [$"knn_ndcg@{Ranking.K}"] = Ranking.KnnNdcg,
        [$"candidate_recall@{Ranking.Candidates}"] = Ranking.CandidateRecall,
        ["similar_songs_weight"] = SimilarWeight,
        ["search_trials"] = SearchTrials,
        ["search_seconds"] = SearchSeconds,
    };
}

/// <summary>From a venue snapshot to a trained, evaluated model: features, labels, split, training, metrics.</summary>
public static class VenueTraining
{
    public static (TrainedModel Model, VenueTrainingReport Report, KtvDataset Data) Train(
        VenueSnapshot venue, VenueTrainingOptions options, ILogger? logger = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        var data = KtvDataset.Build(venue, options.Dataset);
        var (model, report) = Train(data, options, logger, onEpoch, cancellationToken);
        return (model, report, data);
    }

    public static (TrainedModel Model, VenueTrainingReport Report) Train(
        KtvDataset data, VenueTrainingOptions options, ILogger? logger = null,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        if (data.Train.Count == 0 || data.Validation.Count == 0)
            throw new InvalidOperationException($"Too little data to train: {data.Train.Count} training and {data.Validation.Count} validation rows.");

        var cosine = TrainingWindow.Neighbours(data);
        var neighbours = options.EaseSongs > 0
            ? Ease.Fit(TrainingWindow.Positives(data), options.EaseLambda, options.EaseSongs).Neighbours().Over(cosine)
            : cosine;
        var device = Devices.Resolve(options.Trainer.Device);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (chosen, result, similarWeight, trials) = Search(data, options, neighbours, device, logger, onEpoch, cancellationToken);
        var searchSeconds = clock.Elapsed.TotalSeconds;
        try
        {
            var ranking = RankingEvaluator.Evaluate(
                result.Model, data, neighbours, options.RankingK, options.RankingUsers, options.Dataset.Seed, options.Candidates, options.Discovery,
                similarWeight, device, knn: cosine);
            var report = new VenueTrainingReport(
                options.Kind, result.ValidationAuc, result.ValidationLogLoss, PopularityAuc(data), ranking,
                data.Train.Count, data.Validation.Count, result.Epochs.Count, result.BestEpoch, result.TrainSeconds, result.SamplesPerSecond,
                similarWeight, trials, searchSeconds);
            var metadata = new ModelMetadata(
                Version: options.Version ?? VenueTrainingOptions.NewVersion(DateTime.UtcNow), Shape(chosen, data), KtvFeatures.Slots, chosen.Trainer,
                report.ToMetrics(), data.WindowStart, data.WindowEnd, DateTime.UtcNow, result.TrainSeconds, result.BestEpoch,
                typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown", similarWeight);
            return (new TrainedModel(result.Model, data.Space, metadata, neighbours), report);
        }
        catch
        {
            result.Model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains the configured settings and, while the search budget lasts, its variants; keeps the one whose served
    /// order (fused with similar songs at its best weight) has the best NDCG@K on the weight users (<see cref="VenueTrainingOptions.WeightUsers"/>).
    /// </summary>
    private static (VenueTrainingOptions Options, TrainingResult Result, double SimilarWeight, int Trials) Search(
        KtvDataset data, VenueTrainingOptions options, SongNeighbours neighbours, TorchSharp.torch.Device device, ILogger? logger,
        Action<EpochReport>? onEpoch, CancellationToken cancellationToken)
    {
        var variants = options.SearchBudget > TimeSpan.Zero ? HyperparameterSearch.Variants(options) : [options];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastTrial = TimeSpan.Zero;
        var trials = 0;
        (VenueTrainingOptions Options, TrainingResult Result, double Weight, double Ndcg)? best = null;
        foreach (var trial in variants)
        {
            if (best is not null && !HyperparameterSearch.Fits(options.SearchBudget, clock.Elapsed, lastTrial)) break;
            var started = clock.Elapsed;
            // Epochs are chosen on what the product is judged by: NDCG@K of held-out users through the serving path.
            double Ranking(CtrModel model) => RankingEvaluator.Evaluate(
                model, data, neighbours, options.RankingK, options.SelectionUsers, options.Dataset.Seed + 1, options.Candidates, options.Discovery, device: device).Ndcg;
            var result = new ModelTrainer(trial.Trainer, logger).Train(Shape(trial, data), data.Train, data.Validation, onEpoch, cancellationToken, Ranking);
            // How much the similar-songs order should count beside the model's: measured on the weight users, kept with the model.
            var (weight, ndcg) = RankingEvaluator.ChooseSimilarWeight(
                result.Model, data, neighbours, options.RankingK, options.WeightUsers, options.Dataset.Seed + 1, options.Candidates, options.Discovery, device);
            trials++;
            logger?.LogInformation(
                "Trial {Trial}: embedding {EmbeddingDim}, learning rate {LearningRate}: NDCG@{K} {Ndcg:F4} on the weight users at similar-songs weight {Weight}",
                trials, trial.EmbeddingDim, trial.Trainer.LearningRate, options.RankingK, ndcg, weight);
            if (best is null || ndcg > best.Value.Ndcg)
            {
                best?.Result.Model.Dispose();
                best = (trial, result, weight, ndcg);
            }
            else
            {
                result.Model.Dispose();
            }
            lastTrial = clock.Elapsed - started;
        }
        return (best!.Value.Options, best.Value.Result, best.Value.Weight, trials);
    }

    private static ModelShape Shape(VenueTrainingOptions options, KtvDataset data) =>
        new(options.Kind, data.Space.Size, data.Space.FieldCount, options.EmbeddingDim, options.Hidden, options.Dropout);

    /// <summary>AUC on the validation rows when each is scored by its song's popularity in the training window.</summary>
    public static double PopularityAuc(KtvDataset data)
    {
        var counts = data.TrainInteractions.Where(i => i.Enjoyed)
            .GroupBy(i => i.SongId).ToDictionary(g => g.Key, g => (float)g.Count());
        var scores = data.ValidationInteractions.Select(i => counts.GetValueOrDefault(i.SongId)).ToArray();
        return BinaryMetrics.Auc(data.Validation.Labels, scores);
    }
}
