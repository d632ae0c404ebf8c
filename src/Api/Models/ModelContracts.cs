using KtvRec.Domain.Models;

namespace KtvRec.Api.Models;

/// <param name="Status">training, active, retired, rejected or failed.</param>
/// <param name="Metrics">Validation metrics on the newest slice: auc, logloss, popularity_auc, recall@20, ndcg@20, their popularity counterparts, and serving_auc (the model it was compared with).</param>
/// <param name="Reason">Why it was rejected or failed, or how it passed the gate.</param>
public sealed record ModelVersionResponse(
    string Version, string Kind, string Status, DateTime CreatedAt, DateTime? FinishedAt, string? Trigger,
    DateTime? DataFrom, DateTime? DataTo, int TrainRows, int ValidationRows, double TrainSeconds,
    IReadOnlyDictionary<string, double> Metrics, string? Reason)
{
    public static ModelVersionResponse From(ModelVersion v) => new(
        v.Version, v.Kind, v.Status.ToString().ToLowerInvariant(), v.CreatedAt, v.FinishedAt, v.Trigger,
        v.DataFrom, v.DataTo, v.TrainRows, v.ValidationRows, v.TrainSeconds, v.Metrics, v.Reason);
}
