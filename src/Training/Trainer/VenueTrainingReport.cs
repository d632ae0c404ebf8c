using KtvRec.Training.Evaluation;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;

namespace KtvRec.Training.Trainer;

/// <summary>The model serving while a new one trains, and the newest data it was trained on.</summary>
public sealed record CurrentModel(ServedModel Model, DateTime? DataTo);

/// <summary>How a model trained on a venue did on the gate's held-out users, beside the references, and how it was made.</summary>
/// <param name="Auc">The ranker's AUC on the epoch users' candidates (what they went on to enjoy against the rest): a health figure.</param>
/// <param name="PeakMemoryMb">The process's peak resident memory during the run (Linux only): <see cref="PeakMemory"/>.</param>
/// <param name="Serving">The serving model beside the new one, on the gate users whose songs came after its data; null when none served.</param>
/// <param name="StartedFrom">The model an incremental retrain grew from; null: trained from scratch.</param>
public sealed record VenueTrainingReport(
    ModelKind Kind, RankingReport Ranking, double Auc, double LogLoss, int TrainRows, int Queries, int Epochs, int BestEpoch,
    double TrainSeconds, double SamplesPerSecond, double EaseLambda, OrderBlend Blend, bool FinalFit, double Seconds,
    ServingComparison? Serving = null, double? PeakMemoryMb = null, string? StartedFrom = null)
{
    public IReadOnlyDictionary<string, double> ToMetrics()
    {
        var metrics = new Dictionary<string, double>(Ranking.ToMetrics())
        {
            ["auc"] = Auc,
            ["logloss"] = LogLoss,
            ["ease_lambda"] = EaseLambda,
            ["blend_default"] = Blend.Default,
            ["blend_discovery"] = Blend.Discovery,
            ["train_rows"] = TrainRows,
            ["queries"] = Queries,
            ["best_epoch"] = BestEpoch,
            ["final_fit"] = FinalFit ? 1 : 0,
            ["incremental"] = StartedFrom is null ? 0 : 1,
            ["training_seconds"] = Seconds,
        };
        if (PeakMemoryMb is { } peak) metrics["peak_memory_mb"] = peak;
        if (Serving is { } serving)
        {
            metrics["serving_compared_users"] = serving.Users;
            if (serving.Users > 0) metrics[$"serving_ndcg@{Ranking.K}"] = serving.ServingNdcg;
        }
        return metrics;
    }
}
