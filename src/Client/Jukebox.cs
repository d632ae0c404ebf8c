using System.Net;
using System.Text.Json;
using KtvRec.Client.Models;
using KtvRec.Client.Outbox;

namespace KtvRec.Client;

/// <summary>Where a screen's list came from.</summary>
public enum ListSource
{
    /// <summary>The service, just now.</summary>
    Live,

    /// <summary>The service did not answer in time: the last list this user (or room) got.</summary>
    LastForThisUser,

    /// <summary>The service did not answer in time and this user (or room) never got a list here: the last list anyone got on this jukebox.</summary>
    LastOnThisJukebox,
}

/// <summary>A list for a screen, and whether it is live or a fallback.</summary>
public sealed record ScreenList<T>(T List, ListSource Source, Exception? Error = null);

/// <summary>How a jukebox talks to the service: the client's options, the outbox's, and how long a screen waits for a list.</summary>
public sealed record JukeboxOptions
{
    public required KtvRecClientOptions Client { get; init; }
    public required OutboxOptions Outbox { get; init; }

    /// <summary>How long a screen waits for a live list before it shows the last one.</summary>
    public TimeSpan RecommendationTimeout { get; init; } = TimeSpan.FromSeconds(1.5);
}

/// <summary>
/// What a jukebox needs, in one object: <see cref="Track(PlayEvent)"/> writes an event to the outbox on the jukebox's
/// disk and returns at once, a background sender delivers it (through outages, restarts of either side and 429s, each
/// event stored once); <see cref="RecommendAsync"/> gives a screen a list within a short timeout, or the last one it
/// got when the service is away; <see cref="Api"/> is every other call. Dispose it to stop the sender (what is not
/// delivered stays in the outbox for the next start).
/// </summary>
public sealed class Jukebox : IAsyncDisposable
{
    private readonly EventOutbox _outbox;
    private readonly OutboxSender _sender;
    private readonly JukeboxOptions _options;
    private readonly bool _ownsClient;

    private Jukebox(KtvRecClient client, bool ownsClient, JukeboxOptions options)
    {
        (Api, _ownsClient, _options) = (client, ownsClient, options);
        _outbox = new EventOutbox(options.Outbox.Path, options.Outbox.MaxEvents);
        _sender = new OutboxSender(client, _outbox, options.Outbox, Metrics);
    }

    /// <summary>Opens the outbox (creating it, or taking up what an earlier run left) and starts delivering.</summary>
    public static Jukebox Open(JukeboxOptions options) => new(new KtvRecClient(options.Client), ownsClient: true, options);

    /// <summary>The same over a client of the caller's (e.g. a test server's); it is not disposed with the jukebox.</summary>
    public static Jukebox Open(KtvRecClient client, JukeboxOptions options) => new(client, ownsClient: false, options);

    /// <summary>Every call of the API, typed.</summary>
    public KtvRecClient Api { get; }

    public OutboxMetrics Metrics { get; } = new();

    /// <summary>Events written but not yet acknowledged by the service.</summary>
    public int Pending => _outbox.Count;

    /// <summary>The last delivery failure while deliveries are failing (the service away, a refused key); null when they succeed.</summary>
    public Exception? DeliveryError => _sender.LastError;

    /// <summary>Writes the event to the outbox (on disk when this returns) and returns its id; the sender delivers it.</summary>
    /// <exception cref="OutboxFullException">The outbox holds its limit of undelivered events.</exception>
    public string Track(PlayEvent playEvent) => Track([playEvent])[0];

    /// <summary>Several events in one write.</summary>
    public IReadOnlyList<string> Track(IReadOnlyList<PlayEvent> events)
    {
        var ids = _outbox.Add(events);
        Metrics.OnQueued(ids.Count);
        return ids;
    }

    /// <summary>The events the service refused for what they are, with its answer.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters() => _outbox.DeadLetters();

    /// <summary>Waits until every event tracked so far is delivered (or dead-lettered); false if <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_outbox.Count > 0)
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(5, cancellationToken);
        }
        return true;
    }

    /// <summary>The user's list within <see cref="JukeboxOptions.RecommendationTimeout"/>, else the last one they (or anyone here) got.</summary>
    /// <param name="exclude">Songs to leave out, e.g. the room's queue (a fallback list is the one last received, as it was).</param>
    public Task<ScreenList<RecommendationList>> RecommendAsync(
        string userId, int count = 20, string? sessionId = null, bool discovery = false, IReadOnlyCollection<string>? exclude = null,
        CancellationToken cancellationToken = default) =>
        WithFallbackAsync($"user:{userId}:{discovery}", "user",
            token => Api.RecommendAsync(userId, count, sessionId, discovery, exclude, cancellationToken: token), cancellationToken);

    /// <summary>A room's list within the timeout, else the last one the room (or any room here) got.</summary>
    /// <param name="exclude">Songs to leave out, e.g. the room's queue (a fallback list is the one last received, as it was).</param>
    public Task<ScreenList<RoomRecommendationList>> RecommendForRoomAsync(
        string sessionId, int count = 20, IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default) =>
        WithFallbackAsync($"room:{sessionId}", "room", token => Api.RecommendForRoomAsync(sessionId, count, exclude, cancellationToken: token), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _sender.DisposeAsync();
        _outbox.Dispose();
        if (_ownsClient) Api.Dispose();
    }

    private async Task<ScreenList<T>> WithFallbackAsync<T>(string key, string kind, Func<CancellationToken, Task<T>> ask, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RecommendationTimeout);
        try
        {
            var list = await ask(timeout.Token);
            var json = JsonSerializer.Serialize(list, KtvRecClient.Json);
            _outbox.SaveList(key, json);
            _outbox.SaveList($"last:{kind}", json);
            return new ScreenList<T>(list, ListSource.Live);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested && IsAnOutage(error))
        {
            if (_outbox.LastList(key) is { } mine) return new ScreenList<T>(Read<T>(mine), ListSource.LastForThisUser, error);
            if (_outbox.LastList($"last:{kind}") is { } anyone) return new ScreenList<T>(Read<T>(anyone), ListSource.LastOnThisJukebox, error);
            throw;
        }
    }

    /// <summary>The service away, slow, busy or failing; not a request it refused (a bad count, an unknown room): that one is the caller's to fix.</summary>
    private static bool IsAnOutage(Exception error) => error switch
    {
        HttpRequestException or OperationCanceledException => true,
        KtvRecApiException api => (int)api.Status >= 500 || api.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
        _ => false,
    };

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, KtvRecClient.Json)!;
}
