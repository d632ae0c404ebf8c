using System.Diagnostics;
using KtvRec.Training.Data;
using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

/// <summary>A trained model with the best validation epoch's weights, and how it got there.</summary>
public sealed record TrainingResult(
    CtrModel Model, ModelShape Shape, IReadOnlyList<EpochReport> Epochs, int BestEpoch, double ValidationAuc,
    double ValidationLogLoss, double TrainSeconds, double SamplesPerSecond);

/// <summary>A training that cannot give a model, for a reason that is not a bug: too little data, or a loss that became NaN or infinite.</summary>
public sealed class TrainingFailedException(string message) : Exception(message);

/// <summary>
/// Fits LR, FM or DeepFM: Adam on shuffled mini-batches, early stopping with learning-rate decay on a ranking figure
/// when given one (what the product is judged by; a later epoch must beat the kept one by more than its noise, see
/// <see cref="EpochSelection"/>), else on validation AUC.
/// A fixed seed gives the same model as long as no other training runs in the process at the same time: libtorch's
/// random generator (initialization, dropout) and thread pool are process-wide.
/// </summary>
public sealed class ModelTrainer(TrainerOptions options, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <param name="validation">Rows to report AUC and log loss on each epoch (and to choose the epoch on without <paramref name="ranking"/>); none: no such figures.</param>
    /// <param name="ranking">Scores the model in evaluation mode on held-out ranking, one figure per held-out user in a fixed order (higher is better, e.g. NDCG@20); the epoch kept is the first that no later one clearly beats.</param>
    /// <param name="learningRates">
    /// A schedule to replay instead of choosing: one epoch per rate, the last epoch's weights kept (a final fit repeats
    /// the epochs and learning-rate halvings a selection run chose).
    /// </param>
    /// <param name="start">A model of <paramref name="shape"/> to go on training (an incremental retrain's, see <see cref="Models.ModelGrowth"/>), which the result then is; null: a new one, initialized from the seed.</param>
    public TrainingResult Train(
        ModelShape shape, IRowSource train, IRowSource? validation,
        Action<EpochReport>? onEpoch = null, CancellationToken cancellationToken = default, Func<CtrModel, double[]>? ranking = null,
        IReadOnlyList<double>? learningRates = null, CtrModel? start = null)
    {
        if (train.Count == 0) throw new ArgumentException("There are no training rows.", nameof(train));
        if (options.Threads is { } threads) set_num_threads(threads);
        var device = Devices.Resolve(options.Device);
        random.manual_seed(options.Seed);
        var shuffle = new Random(options.Seed);

        // Held for the whole run rather than made from a C# number per batch (see Models/Scalars).
        using var l2 = options.L2.ToScalar();
        var model = start ?? CtrModel.Create(shape);
        model.to(device);
        using var optimizer = new AdamOptimizer(model.parameters(), options.LearningRate);
        var batches = new Batches(train, options.BatchSize);
        var order = Enumerable.Range(0, train.Count).ToArray();

        var epochs = new List<EpochReport>();
        Dictionary<string, Tensor>? best = null;
        var bestSelection = double.NegativeInfinity;
        double[]? bestPerUser = null;
        var bestAuc = double.NaN;
        var bestLogLoss = double.NaN;
        var bestEpoch = 0;
        var learningRate = options.LearningRate;
        var stale = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            var epochCount = learningRates?.Count ?? options.Epochs;
            for (var epoch = 1; epoch <= epochCount; epoch++)
            {
                var started = clock.Elapsed;
                if (learningRates is not null) optimizer.LearningRate = learningRate = learningRates[epoch - 1];
                shuffle.Shuffle(order);
                var loss = RunEpoch(model, optimizer, batches, order, device, l2, cancellationToken);
                var trainSeconds = (clock.Elapsed - started).TotalSeconds;
                model.eval();
                var probabilities = validation is null ? [] : Predictor.Predict(model, validation, device);
                var auc = validation is null ? double.NaN : BinaryMetrics.Auc(validation.Labels, probabilities);
                var logLoss = validation is null ? double.NaN : BinaryMetrics.LogLoss(validation.Labels, probabilities);
                var perUser = ranking?.Invoke(model);
                // Ranking prepared the whole catalog for this epoch's weights (100 MB at 100,000 songs, in the large
                // object heap, which the collector visits rarely): gone before the next epoch prepares its own.
                if (ranking is not null) NativeMemory.CollectBetweenStages();
                var ndcg = perUser?.DefaultIfEmpty().Average();
                var seconds = (clock.Elapsed - started).TotalSeconds;
                var report = new EpochReport(epoch, loss, auc, logLoss, train.Count / trainSeconds, learningRate, seconds, ndcg);
                epochs.Add(report);
                _logger.LogInformation(
                    "{Kind} epoch {Epoch}: loss {Loss:F4}, validation AUC {Auc:F4}, logloss {LogLoss:F4}, NDCG {Ndcg:F4}, {SamplesPerSecond:F0} samples/s, lr {LearningRate:G3}",
                    shape.Kind, epoch, loss, auc, logLoss, ndcg, report.SamplesPerSecond, learningRate);
                onEpoch?.Invoke(report);

                if (learningRates is not null)
                {
                    (bestAuc, bestLogLoss, bestEpoch) = (auc, logLoss, epoch);
                    continue;
                }
                var selection = ndcg ?? auc;
                if (perUser is not null && bestPerUser is not null ? EpochSelection.ClearlyBetter(perUser, bestPerUser) : selection > bestSelection)
                {
                    (bestSelection, bestPerUser, bestAuc, bestLogLoss, bestEpoch, stale) = (selection, perUser, auc, logLoss, epoch, 0);
                    Dispose(best);
                    best = model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach().clone());
                }
                else if (++stale >= options.Patience)
                {
                    break;
                }
                else
                {
                    learningRate *= options.LearningRateDecay;
                    optimizer.LearningRate = learningRate;
                }
            }
            if (best is not null) model.load_state_dict(best);
            model.eval();
        }
        catch
        {
            model.Dispose();
            throw;
        }
        finally
        {
            Dispose(best);
        }

        // Throughput of the training passes alone: rows seen over the time spent fitting, not validating.
        var samplesPerSecond = epochs.Count * train.Count / epochs.Sum(e => train.Count / e.SamplesPerSecond);
        return new TrainingResult(model, shape, epochs, bestEpoch, bestAuc, bestLogLoss, clock.Elapsed.TotalSeconds, samplesPerSecond);
    }

    private double RunEpoch(
        CtrModel model, AdamOptimizer optimizer, Batches batches, int[] order, Device device, Scalar l2, CancellationToken cancellationToken)
    {
        model.train();
        var total = 0.0;
        var count = batches.Count(order.Length);
        for (var batch = 0; batch < count; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (indices, values, fields, labels) = batches.Get(batch, order, device);
            optimizer.ZeroGrad();
            var logits = model.forward(indices, values, fields);
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, labels)
                .add(model.EmbeddingPenalty(indices, values).mean(), l2);
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), options.ClipNorm);
            optimizer.Step();

            var value = loss.item<float>();
            if (!float.IsFinite(value))
                throw new TrainingFailedException($"The training loss became {value} in batch {batch + 1}.");
            total += value;
        }
        return total / count;
    }

    private static void Dispose(Dictionary<string, Tensor>? state)
    {
        foreach (var tensor in state?.Values ?? Enumerable.Empty<Tensor>()) tensor.Dispose();
    }
}
