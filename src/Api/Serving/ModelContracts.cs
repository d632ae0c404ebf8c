using KtvRec.Api.Feedback;
using KtvRec.Domain.Models;

namespace KtvRec.Api.Serving;

/// <param name="Status">training, active, retired, rejected or failed.</param>
/// <param name="Metrics">Validation metrics on the newest slice: auc, logloss, popularity_auc, recall@20, ndcg@20, their popularity counterparts, and serving_auc (the model it was compared with).</param>
/// <param name="Reason">Why it was rejected or failed, or how it passed the gate.</param>
/// <param name="PickRate">The share of the songs its lists showed that were picked, overall and by strategy (lists of the last KtvRec:Feedback:PickRateDays); null before any of its lists was shown.</param>
public sealed record ModelVersionResponse(
    string Version, string Kind, string Status, DateTime CreatedAt, DateTime? FinishedAt, string? Trigger,
    DateTime? DataFrom, DateTime? DataTo, int TrainRows, int ValidationRows, double TrainSeconds,
    IReadOnlyDictionary<string, double> Metrics, string? Reason, ModelPickRate? PickRate = null)
{
    public static ModelVersionResponse From(ModelVersion v, IReadOnlyDictionary<string, ModelPickRate>? pickRates = null) => new(
        v.Version, v.Kind, v.Status.ToString().ToLowerInvariant(), v.CreatedAt, v.FinishedAt, v.Trigger,
        v.DataFrom, v.DataTo, v.TrainRows, v.ValidationRows, v.TrainSeconds, v.Metrics, v.Reason, pickRates?.GetValueOrDefault(v.Version));
}
