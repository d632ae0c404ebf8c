using KtvRec.Api.Feedback;
using KtvRec.Domain.Registry;

namespace KtvRec.Api.Serving;

/// <param name="Status">training, active, retired, rejected or failed.</param>
/// <param name="Metrics">What the gate measured on its held-out users (Recall@20 / NDCG@20 of the default and discovery lists, each beside its candidates without the ranker, popularity, favourites then item-kNN and EASE; candidate recall; the ranker's AUC as a health figure) and serving_ndcg@20 (the serving model on the same users).</param>
/// <param name="Reason">Why it was rejected or failed, or how it passed the gate.</param>
/// <param name="PickRate">The share of the songs its lists showed that were picked, overall and by strategy (lists of the last KtvRec:Feedback:PickRateDays); null before any of its lists was shown.</param>
internal sealed record ModelVersionResponse(
    string Version, string Kind, string Status, DateTime CreatedAt, DateTime? FinishedAt, string? Trigger,
    DateTime? DataFrom, DateTime? DataTo, int TrainRows, int ValidationRows, double TrainSeconds,
    IReadOnlyDictionary<string, double> Metrics, string? Reason, ModelPickRate? PickRate = null)
{
    public static ModelVersionResponse From(ModelVersion v, IReadOnlyDictionary<string, ModelPickRate>? pickRates = null) => new(
        v.Version, v.Kind, v.Status.ToString().ToLowerInvariant(), v.CreatedAt, v.FinishedAt, v.Trigger,
        v.DataFrom, v.DataTo, v.TrainRows, v.ValidationRows, v.TrainSeconds, v.Metrics, v.Reason, pickRates?.GetValueOrDefault(v.Version));
}
