using KtvRec.Api.Feedback;
using Prometheus;

namespace KtvRec.Api.Operations;

/// <summary>The service's own Prometheus metrics, beside the HTTP ones prometheus-net records per endpoint.</summary>
internal static class ServiceMetrics
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

    public static readonly Gauge SongsShown = Metrics.CreateGauge(
        "ktvrec_recommended_songs_shown", "Songs shown on lists issued in the pick-rate window, by model version and strategy.", "model_version", "strategy");

    public static readonly Gauge SongsPicked = Metrics.CreateGauge(
        "ktvrec_recommended_songs_picked", "Of the songs shown, those picked from the list, by model version and strategy.", "model_version", "strategy");

    public static readonly Gauge PickRate = Metrics.CreateGauge(
        "ktvrec_pick_rate", "Picked / shown over the pick-rate window, by model version (empty: popularity) and strategy.", "model_version", "strategy");

    /// <summary>Sets the pick-rate gauges to a report, one series per model version and strategy in it.</summary>
    public static void PickRatesRead(PickRatesResponse report)
    {
        foreach (var group in report.Days.GroupBy(d => (Version: d.ModelVersion ?? "", d.Strategy)))
        {
            var rate = Feedback.PickRate.Of(group.Sum(d => d.Shown), group.Sum(d => d.Picked));
            SongsShown.WithLabels(group.Key.Version, group.Key.Strategy).Set(rate.Shown);
            SongsPicked.WithLabels(group.Key.Version, group.Key.Strategy).Set(rate.Picked);
            PickRate.WithLabels(group.Key.Version, group.Key.Strategy).Set(rate.Rate);
        }
    }

    /// <summary>Points the model gauges at the version now serving.</summary>
    public static void ServingModelChanged(string version, string kind, double? auc)
    {
        foreach (var labels in ModelVersion.GetAllLabelValues().ToList())
            ModelVersion.RemoveLabelled(labels);
        ModelVersion.WithLabels(version, kind).Set(1);
        if (auc is { } value) ModelAuc.Set(value);
    }
}
