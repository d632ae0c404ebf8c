using System.Net;
using System.Text.RegularExpressions;

namespace KtvRec.Client.Outbox;

/// <summary>
/// Drains the outbox in the background, oldest first, in batches: a batch the service stored leaves the outbox; one it
/// refuses for some of its events (a 4xx naming <c>events[i]</c>) sends those to the dead letters and the rest again at
/// once (a refusal naming none is halved until the event it refuses is alone); a 429 or 503 waits as long as the
/// service asks; anything else (the service away, a timeout, a 5xx) waits with exponential backoff and full jitter and
/// tries the same batch again. Resending is safe: the service stores an event id once.
/// </summary>
internal sealed partial class OutboxSender : IAsyncDisposable
{
    private readonly KtvRecClient _client;
    private readonly EventOutbox _outbox;
    private readonly OutboxOptions _options;
    private readonly OutboxMetrics _metrics;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public OutboxSender(KtvRecClient client, EventOutbox outbox, OutboxOptions options, OutboxMetrics metrics)
    {
        (_client, _outbox, _options, _metrics) = (client, outbox, options, metrics);
        _outbox.Added += Wake;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The last failure, while deliveries are failing; null once one succeeds.</summary>
    public Exception? LastError { get; private set; }

    public async ValueTask DisposeAsync()
    {
        _outbox.Added -= Wake;
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _wake.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    private async Task RunAsync()
    {
        var limit = Math.Clamp(_options.BatchSize, 1, KtvRecClient.MaxEventsPerBatch);
        var failures = 0;
        long? refusedThrough = null;
        // Acknowledged but still in the file: removed while the next batch is on the wire (a crash before that only
        // sends them again, and the service stores an id once).
        IReadOnlyList<PendingEvent> delivered = [];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var batch = _outbox.Peek(limit, after: delivered.Count > 0 ? delivered[^1].Sequence : 0);
                if (batch.Count == 0)
                {
                    delivered = Removed(delivered);
                    await _wake.WaitAsync(_options.IdlePoll, _stop.Token);
                    continue;
                }
                try
                {
                    var sending = _client.SendEventsJsonAsync(batch.Select(e => e.Json), _stop.Token);
                    delivered = Removed(delivered);
                    await sending;
                    delivered = batch;
                    _metrics.OnSent(batch.Count);
                    (failures, LastError) = (0, null);
                    // After a refusal that named no event, batches stay small until the refused batch is behind.
                    if (batch[^1].Sequence >= refusedThrough)
                    {
                        (limit, refusedThrough) = (Math.Clamp(_options.BatchSize, 1, KtvRecClient.MaxEventsPerBatch), null);
                    }
                }
                catch (KtvRecApiException refused) when (IsTheEvents(refused.Status))
                {
                    LastError = refused;
                    var named = Named(refused, batch.Count);
                    if (named.Count > 0)
                    {
                        foreach (var i in named) DeadLetter(batch[i], refused);
                    }
                    else if (batch.Count > 1)
                    {
                        (limit, refusedThrough) = (Math.Max(1, batch.Count / 2), refusedThrough ?? batch[^1].Sequence);
                    }
                    else
                    {
                        DeadLetter(batch[0], refused);
                    }
                }
                catch (KtvRecApiException busy) when (busy.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && busy.RetryAfter is { } wait)
                {
                    (LastError, failures) = (busy, failures + 1);
                    _metrics.OnRetry(throttled: true);
                    await Task.Delay(wait, _stop.Token);
                }
                catch (Exception failed) when (failed is KtvRecApiException or HttpRequestException or TaskCanceledException)
                {
                    // Stopping while a send failed (the service away when the jukebox closes): the batch waits on disk.
                    if (_stop.IsCancellationRequested) break;
                    (LastError, failures) = (failed, failures + 1);
                    _metrics.OnRetry(throttled: failed is KtvRecApiException { Status: HttpStatusCode.TooManyRequests });
                    await Task.Delay(Backoff(failures), _stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        Removed(delivered);
    }

    private List<PendingEvent> Removed(IReadOnlyList<PendingEvent> delivered)
    {
        _outbox.Remove(delivered);
        return [];
    }

    private void DeadLetter(PendingEvent pending, KtvRecApiException refused)
    {
        _outbox.DeadLetter(pending, (int)refused.Status, refused.Message);
        _metrics.OnDeadLettered();
    }

    /// <summary>A 4xx that is about the events themselves (not the key, the rate or the service's state).</summary>
    private static bool IsTheEvents(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.NotFound);

    /// <summary>The positions in the batch the service's problem names (<c>events[3].songId</c> names 3).</summary>
    private static SortedSet<int> Named(KtvRecApiException refused, int count)
    {
        var named = new SortedSet<int>();
        foreach (var key in refused.Problem?.Errors?.Keys ?? Enumerable.Empty<string>())
        {
            if (EventIndex().Match(key) is { Success: true } match && int.TryParse(match.Groups[1].Value, out var i) && i < count) named.Add(i);
        }
        return named;
    }

    /// <summary>Full jitter (a random wait up to the doubled backoff), so jukeboxes coming back together do not arrive together.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    [GeneratedRegex(@"^events\[(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex EventIndex();
}
