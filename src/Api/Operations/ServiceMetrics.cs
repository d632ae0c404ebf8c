using Prometheus;

namespace KtvRec.Api.Operations;

/// <summary>The service's own Prometheus metrics, beside the HTTP ones prometheus-net records per endpoint.</summary>
public static class ServiceMetrics
{
    public static readonly Counter EventsIngested = Metrics.CreateCounter(
        "ktvrec_events_ingested_total", "Events stored, by type.", "type");

    public static readonly Counter EventDuplicates = Metrics.CreateCounter(
        "ktvrec_event_duplicates_total", "Events not stored again because their eventId was already stored.");

    public static readonly Counter RejectedRequests = Metrics.CreateCounter(
        "ktvrec_rejected_batches_total", "Event posts refused whole for bad items.");

    public static readonly Counter Recommendations = Metrics.CreateCounter(
        "ktvrec_recommendations_total", "Recommendation lists served, by strategy.", "strategy");

    public static readonly Gauge ModelVersion = Metrics.CreateGauge(
        "ktvrec_model_version_info", "1 for the model version that serves (no series while popularity serves).", "version", "kind");

    public static readonly Gauge ModelAuc = Metrics.CreateGauge(
        "ktvrec_model_validation_auc", "Validation AUC of the serving model when it was trained.");

    public static readonly Counter TrainingRuns = Metrics.CreateCounter(
        "ktvrec_training_runs_total", "Training runs, by outcome: activated, rejected, failed, skipped.", "outcome");

    public static readonly Histogram TrainingDuration = Metrics.CreateHistogram(
        "ktvrec_training_duration_seconds", "Wall time of training runs.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 14) });

    public static readonly Gauge LastTraining = Metrics.CreateGauge(
        "ktvrec_last_training_timestamp_seconds", "When the last training run ended (Unix time).");

    /// <summary>Points the model gauges at the version now serving.</summary>
    public static void ServingModelChanged(string version, string kind, double? auc)
    {
        foreach (var labels in ModelVersion.GetAllLabelValues().ToList())
            ModelVersion.RemoveLabelled(labels);
        ModelVersion.WithLabels(version, kind).Set(1);
        if (auc is { } value) ModelAuc.Set(value);
    }
}
