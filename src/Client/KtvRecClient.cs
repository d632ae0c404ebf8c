using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KtvRec.Client.Models;

namespace KtvRec.Client;

/// <summary>
/// Typed calls to every endpoint a jukebox uses: the catalog, singers, room sessions, events and recommendations. An
/// error answer is a <see cref="KtvRecApiException"/> carrying the service's problem details; a missing song, user or
/// session read is null. Thread-safe: one per jukebox. Events that must never be lost go through an
/// <see cref="Outbox.EventOutbox"/> rather than <see cref="SendEventsAsync"/>.
/// </summary>
public sealed class KtvRecClient : IDisposable
{
    /// <summary>The most events one <c>POST /events</c> takes.</summary>
    public const int MaxEventsPerBatch = 1_000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string ApiKeyHeader = "X-Api-Key";
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public KtvRecClient(KtvRecClientOptions options)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.BaseAddress, Timeout = options.Timeout,
        }, options.ApiKey, ownsHttp: true)
    {
    }

    /// <param name="http">With its <see cref="HttpClient.BaseAddress"/> set to the service; not disposed with this client.</param>
    public KtvRecClient(HttpClient http, string? apiKey = null) : this(http, apiKey, ownsHttp: false)
    {
    }

    private KtvRecClient(HttpClient http, string? apiKey, bool ownsHttp)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        if (apiKey is not null) _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
    }

    public Task<Song> PutSongAsync(string id, SongEntry song, CancellationToken cancellationToken = default) =>
        SendAsync<Song>(HttpMethod.Put, $"songs/{Escape(id)}", song, cancellationToken);

    public Task<Song?> GetSongAsync(string id, CancellationToken cancellationToken = default) =>
        FindAsync<Song>($"songs/{Escape(id)}", cancellationToken);

    public Task<SongPage> ListSongsAsync(
        int limit = 100, int offset = 0, string? language = null, string? artist = null, string? genre = null, CancellationToken cancellationToken = default) =>
        SendAsync<SongPage>(HttpMethod.Get, "songs" + Query([("limit", limit.ToString()), ("offset", offset.ToString()),
            ("language", language), ("artist", artist), ("genre", genre)]), null, cancellationToken);

    /// <summary>Adds or replaces up to 10,000 songs, all or nothing.</summary>
    public Task<CatalogImport> ImportSongsAsync(IReadOnlyList<SongEntry> songs, CancellationToken cancellationToken = default) =>
        SendAsync<CatalogImport>(HttpMethod.Post, "songs/batch", songs, cancellationToken);

    public Task<User> PutUserAsync(string id, UserProfile profile, CancellationToken cancellationToken = default) =>
        SendAsync<User>(HttpMethod.Put, $"users/{Escape(id)}", profile, cancellationToken);

    public Task<User?> GetUserAsync(string id, CancellationToken cancellationToken = default) =>
        FindAsync<User>($"users/{Escape(id)}", cancellationToken);

    /// <summary>Starts a room's party; starting an open session's id again returns it (a safe retry).</summary>
    public Task<Session> StartSessionAsync(StartSession session, CancellationToken cancellationToken = default) =>
        SendAsync<Session>(HttpMethod.Post, "sessions", session, cancellationToken);

    public Task<Session> EndSessionAsync(string id, DateTimeOffset? endedAt = null, CancellationToken cancellationToken = default) =>
        SendAsync<Session>(HttpMethod.Post, $"sessions/{Escape(id)}/end", new { endedAt }, cancellationToken);

    /// <summary>The room's queue, replacing the one before (empty clears it): left out of every list for the room and its members.</summary>
    public Task<Session> SetQueueAsync(string sessionId, IReadOnlyList<string> songIds, CancellationToken cancellationToken = default) =>
        SendAsync<Session>(HttpMethod.Put, $"sessions/{Escape(sessionId)}/queue", new { songIds }, cancellationToken);

    public Task<Session?> GetSessionAsync(string id, CancellationToken cancellationToken = default) =>
        FindAsync<Session>($"sessions/{Escape(id)}", cancellationToken);

    /// <summary>Up to <see cref="MaxEventsPerBatch"/> events at once, stored all or nothing: no retries, no buffering (that is the outbox's).</summary>
    public Task<IngestResult> SendEventsAsync(IReadOnlyList<PlayEvent> events, CancellationToken cancellationToken = default) =>
        SendAsync<IngestResult>(HttpMethod.Post, "events", new { events }, cancellationToken);

    /// <summary>The user's next songs, best first. For a screen that must never stay empty, <see cref="Jukebox.RecommendAsync"/> falls back when the service is away.</summary>
    /// <param name="exclude">Songs to leave out, e.g. the room's queue (sent in a POST body: a queue may be long).</param>
    /// <param name="filter">Only the songs of a tab (a language, a decade, duets…); the list is still the user's, made from those songs.</param>
    public Task<RecommendationList> RecommendAsync(
        string userId, int count = 20, string? sessionId = null, bool discovery = false, IReadOnlyCollection<string>? exclude = null,
        SongFilter? filter = null, CancellationToken cancellationToken = default) =>
        SendAsync<RecommendationList>(Method(exclude), $"recommendations/{Escape(userId)}" + Query(
            [("count", count.ToString()), ("sessionId", sessionId), ("discovery", discovery ? "true" : null), .. filter?.Parameters() ?? []]),
            Body(exclude), cancellationToken);

    /// <summary>One list for everyone in a room.</summary>
    /// <param name="exclude">Songs to leave out, e.g. the room's queue (sent in a POST body: a queue may be long).</param>
    /// <param name="filter">Only the songs of a tab (a language, a decade, duets…).</param>
    public Task<RoomRecommendationList> RecommendForRoomAsync(
        string sessionId, int count = 20, IReadOnlyCollection<string>? exclude = null, SongFilter? filter = null,
        CancellationToken cancellationToken = default) =>
        SendAsync<RoomRecommendationList>(Method(exclude), $"sessions/{Escape(sessionId)}/recommendations" + Query(
            [("count", count.ToString()), .. filter?.Parameters() ?? []]), Body(exclude), cancellationToken);

    public Task<SimilarSongs> SimilarSongsAsync(string songId, int count = 20, SongFilter? filter = null, CancellationToken cancellationToken = default) =>
        SendAsync<SimilarSongs>(HttpMethod.Get, $"songs/{Escape(songId)}/similar" + Query([("count", count.ToString()), .. filter?.Parameters() ?? []]),
            null, cancellationToken);

    /// <summary>A batch already written as JSON event objects (the outbox's stored form), as one <c>POST /events</c>.</summary>
    internal Task<IngestResult> SendEventsJsonAsync(IEnumerable<string> events, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("{\"events\":[");
        body.AppendJoin(',', events).Append("]}");
        var request = new HttpRequestMessage(HttpMethod.Post, "events") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
        return SendAsync<IngestResult>(request, cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private async Task<T?> FindAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        try
        {
            return await SendAsync<T>(HttpMethod.Get, path, null, cancellationToken);
        }
        catch (KtvRecApiException exception) when (exception.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return SendAsync<T>(request, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await _http.SendAsync(request, cancellationToken))
        {
            if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, cancellationToken);
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new KtvRecApiException(response.StatusCode, new ProblemDetails(null, "Empty answer", (int)response.StatusCode, null, null));
        }
    }

    private static async Task<KtvRecApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = null;
        try
        {
            if (response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase))
                problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            // Not a problem document (e.g. a proxy's error page): the status says enough.
        }
        return new KtvRecApiException(response.StatusCode, problem, RetryAfter(response));
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Escape(string value) => Uri.EscapeDataString(value);

    /// <summary>A list without exclusions is a GET; with them, the same list by POST with the ids in the body.</summary>
    private static HttpMethod Method(IReadOnlyCollection<string>? exclude) => exclude is { Count: > 0 } ? HttpMethod.Post : HttpMethod.Get;

    private static object? Body(IReadOnlyCollection<string>? exclude) => exclude is { Count: > 0 } ? new { exclude } : null;

    private static string Query(IEnumerable<(string Name, string? Value)> parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
