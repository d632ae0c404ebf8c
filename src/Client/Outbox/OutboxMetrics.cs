using System.Diagnostics.Metrics;

namespace KtvRec.Client.Outbox;

/// <summary>
/// What the outbox did, as counters (the <c>KtvRec.Client</c> meter, for OpenTelemetry or dotnet-counters) and as
/// totals the jukebox can show.
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "KtvRec.Client";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> QueuedCounter = Meter.CreateCounter<long>("ktvrec.client.events.queued", description: "Events written to the outbox");
    private static readonly Counter<long> SentCounter = Meter.CreateCounter<long>("ktvrec.client.events.sent", description: "Events the service acknowledged");
    private static readonly Counter<long> RetriedCounter = Meter.CreateCounter<long>("ktvrec.client.batches.retried", description: "Deliveries tried again: the service away, busy (429) or failing");
    private static readonly Counter<long> DeadLetteredCounter = Meter.CreateCounter<long>("ktvrec.client.events.dead_lettered", description: "Events the service refused for what they are");

    private long _queued, _sent, _retried, _throttled, _deadLettered;

    public long Queued => Interlocked.Read(ref _queued);
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Deliveries that failed and were tried again (throttled ones included).</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Deliveries the service answered 429 (or 503) and that waited as it asked.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    internal void OnQueued(int count)
    {
        Interlocked.Add(ref _queued, count);
        QueuedCounter.Add(count);
    }

    internal void OnSent(int count)
    {
        Interlocked.Add(ref _sent, count);
        SentCounter.Add(count);
    }

    internal void OnRetry(bool throttled)
    {
        Interlocked.Increment(ref _retried);
        if (throttled) Interlocked.Increment(ref _throttled);
        RetriedCounter.Add(1);
    }

    internal void OnDeadLettered()
    {
        Interlocked.Increment(ref _deadLettered);
        DeadLetteredCounter.Add(1);
    }
}
