namespace KtvRec.Client.Outbox;

/// <summary>Where the jukebox keeps what it has not delivered yet, and how it delivers it.</summary>
public sealed record OutboxOptions
{
    /// <summary>The outbox's SQLite file (created when missing); keep it on the jukebox's own disk, one per jukebox.</summary>
    public required string Path { get; init; }

    /// <summary>Events per <c>POST /events</c> (at most <see cref="KtvRecClient.MaxEventsPerBatch"/>).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>
    /// The most events the outbox holds undelivered. When it is full, tracking refuses new events
    /// (<see cref="OutboxFullException"/>) rather than dropping ones it has already taken: a day of a busy room is a few
    /// thousand events, so a million is weeks of outage.
    /// </summary>
    public int MaxEvents { get; init; } = 1_000_000;

    /// <summary>The first wait after a failed delivery; each failure in a row doubles it (with full jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle sender looks again (tracking wakes it at once).</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>The outbox holds <see cref="OutboxOptions.MaxEvents"/> undelivered events: nothing more is taken until some are delivered.</summary>
public sealed class OutboxFullException(int held) : Exception($"The outbox holds {held} undelivered events, its limit: new events are refused until the service takes some.");
