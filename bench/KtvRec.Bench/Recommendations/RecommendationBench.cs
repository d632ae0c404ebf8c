using System.Net.Http.Json;
using KtvRec.Bench.Load;
using KtvRec.Bench.Report;

namespace KtvRec.Bench.Recommendations;

/// <summary>
/// GET /recommendations/{userId} against a running service with a trained model: one client at a time for latency,
/// then many at once for throughput, each next to its ceilings: the HTTP ceiling (GET /health/live, a trivial
/// endpoint, from the same client) and the bare model scoring the same number of candidates.
/// </summary>
public static class RecommendationBench
{
    public const int Concurrency = 8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OneClient = TimeSpan.FromSeconds(10);

    public static async Task<BenchSection> RunAsync(HttpClient http, string dataDirectory, int songs, int users, int candidates, string partsDirectory)
    {
        var userIds = Enumerable.Range(0, users).Select(i => $"u{i:D5}").ToList();
        Task Get(int index) => GetAsync(http, $"/recommendations/{userIds[index * 7919 % users]}?count=20");

        // Steady state: the service is measured past its tier-up of JIT-compiled code and the first model's clean-up,
        // and one client runs long enough (thousands of requests) for its p99 to be a percentile, not the 6th-worst of 600.
        await LoadRunner.RunAsync(Concurrency, int.MaxValue, Get, WarmUp);
        var sequential = await LoadRunner.RunAsync(1, int.MaxValue, Get, OneClient);
        var loaded = await LoadRunner.RunAsync(Concurrency, int.MaxValue, Get, TimeSpan.FromSeconds(20));
        Task Live(int index) => GetAsync(http, "/health/live");
        var liveSequential = await LoadRunner.RunAsync(1, 3000, Live);
        var liveLoaded = await LoadRunner.RunAsync(Concurrency, int.MaxValue, Live, TimeSpan.FromSeconds(10));

        // A room of four: one request scores every member over the room's candidates (not at commits before the endpoint).
        var rooms = await StartRoomsAsync(http, userIds, RoomCount, RoomSize);
        Task GetRoom(int index) => GetAsync(http, $"/sessions/{rooms[index % rooms.Count]}/recommendations?count=20");
        using var probe = await http.GetAsync($"/sessions/{rooms[0]}/recommendations?count=1");
        var roomRuns = new List<(int Clients, LoadResult Result)>();
        if (probe.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            await LoadRunner.RunAsync(Concurrency, int.MaxValue, GetRoom, WarmUp / 2);
            roomRuns.Add((1, await LoadRunner.RunAsync(1, int.MaxValue, GetRoom, OneClient)));
            roomRuns.Add((Concurrency, await LoadRunner.RunAsync(Concurrency, int.MaxValue, GetRoom, TimeSpan.FromSeconds(15))));
        }

        // A jukebox's tab (one language, not the venue's main one) and a room with a queue of 10 stored on its session.
        var (language, songIds) = await CatalogSampleAsync(http);
        Task GetTab(int index) => GetAsync(http, $"/recommendations/{userIds[index * 7919 % users]}?count=20&language={Uri.EscapeDataString(language)}");
        var tabRun = await LoadedAsync(GetTab);
        LoadResult? queuedRun = null, gatheredRun = null;
        if (roomRuns.Count > 0)
        {
            await QueueAsync(http, rooms, QueueLength);
            queuedRun = await LoadedAsync(GetRoom);
            // The same rooms, each request leaving out another song: no room's candidates can be kept from its last request.
            gatheredRun = await LoadedAsync(index => GetAsync(http, $"/sessions/{rooms[index % rooms.Count]}/recommendations?count=20&exclude={songIds[index % songIds.Count]}"));
        }

        using var ceiling = await BareScoringCeiling.LoadAsync(http, dataDirectory, Math.Min(candidates, songs));
        await ceiling.MeasureAsync(userIds, 100, 1);
        var bareSequential = await ceiling.MeasureAsync(userIds, 600, 1);
        var bareLoaded = await ceiling.MeasureAsync(userIds, 3000, Concurrency);

        var existing = File.Exists(Path.Combine(partsDirectory, "recommendations.json"))
            ? BenchSection.Load(Path.Combine(partsDirectory, "recommendations.json"))
            : null;
        var section = new SectionBuilder("recommendations", $"Recommendations: GET /recommendations/{{userId}}?count=20 vs the bare model (service on {ServiceDatabase.Name})",
            "catalog", "clients", "requests/s", "p50", "p95", "p99", "failed", "HTTP ceiling req/s", "HTTP ceiling p99",
            "bare model p50", "bare model scores/s", "service / bare (throughput)");
        if (existing is not null)
        {
            foreach (var row in existing.Rows) section.Row([.. row]);
            foreach (var (name, value) in existing.Figures) section.Figure(name, value);
        }
        foreach (var (clients, service, live, bare) in new[] { (1, sequential, liveSequential, bareSequential), (Concurrency, loaded, liveLoaded, bareLoaded) })
        {
            var key = $"songs{songs}_users{users}_c{clients}";
            section.Row($"{songs:N0} songs, {users:N0} users", $"{clients}", Format.Rate(service.PerSecond), Format.Ms(service.P50), Format.Ms(service.P95), Format.Ms(service.P99),
                    $"{service.Failures}", Format.Rate(live.PerSecond), Format.Ms(live.P99),
                    Format.Ms(bare.P50), Format.Rate(bare.PerSecond), Format.Ratio(service.PerSecond / bare.PerSecond))
                .Figure($"{key}_http_ceiling_per_sec", live.PerSecond).Figure($"{key}_http_ceiling_p99_ms", live.P99)
                .Figure($"{key}_requests_per_sec", service.PerSecond).Figure($"{key}_p50_ms", service.P50)
                .Figure($"{key}_p95_ms", service.P95).Figure($"{key}_p99_ms", service.P99).Figure($"{key}_failed", service.Failures)
                .Figure($"{key}_bare_p50_ms", bare.P50).Figure($"{key}_bare_per_sec", bare.PerSecond);
        }
        foreach (var (clients, service) in roomRuns)
        {
            var live = clients == 1 ? liveSequential : liveLoaded;
            var key = $"songs{songs}_users{users}_room{RoomSize}_c{clients}";
            section.Row($"{songs:N0} songs, {users:N0} users, a room of {RoomSize}", $"{clients}", Format.Rate(service.PerSecond), Format.Ms(service.P50),
                    Format.Ms(service.P95), Format.Ms(service.P99), $"{service.Failures}", Format.Rate(live.PerSecond), Format.Ms(live.P99), "", "", "")
                .Figure($"{key}_requests_per_sec", service.PerSecond).Figure($"{key}_p50_ms", service.P50)
                .Figure($"{key}_p95_ms", service.P95).Figure($"{key}_p99_ms", service.P99).Figure($"{key}_failed", service.Failures);
        }
        foreach (var (label, name, service) in new[]
                 {
                     ($"the {language} tab", "tab", (LoadResult?)tabRun), ($"a room of {RoomSize}, a queue of {QueueLength}", "queued_room", queuedRun),
                     ($"a room of {RoomSize}, a queue of {QueueLength}, gathered each request", "gathered_room", gatheredRun),
                 })
        {
            if (service is null) continue;
            var key = $"songs{songs}_users{users}_{name}_c{Concurrency}";
            section.Row($"{songs:N0} songs, {users:N0} users, {label}", $"{Concurrency}", Format.Rate(service.PerSecond), Format.Ms(service.P50),
                    Format.Ms(service.P95), Format.Ms(service.P99), $"{service.Failures}", Format.Rate(liveLoaded.PerSecond), Format.Ms(liveLoaded.P99), "", "", "")
                .Figure($"{key}_requests_per_sec", service.PerSecond).Figure($"{key}_p99_ms", service.P99).Figure($"{key}_failed", service.Failures);
        }
        return section
            .Note($"A tab's rows: the user's list with language= the catalog's second language (a filter inside retrieval); a queue's rows: the same rooms after PUT /sessions/{{id}}/queue with {QueueLength} songs each ({WarmUp.TotalSeconds / 2:F0} s of warm-up, then 15 s with {Concurrency} clients).")
            .Note("A room's list scores its candidates in the request's context every time, and gathers them (each member's similarity passes, the candidate sources, the pair fields) only when something they come from has changed since its last request; \"gathered each request\" adds exclude= a different song to every request, so every request gathers them.")
            .Note($"Each catalog: {WarmUp.TotalSeconds:F0} s of warm-up at {Concurrency} clients, then {OneClient.TotalSeconds:F0} s with one client and 20 s with {Concurrency} (a room: {WarmUp.TotalSeconds / 2:F0} s, {OneClient.TotalSeconds:F0} s, 15 s).")
            .Note($"A room's rows: GET /sessions/{{id}}/recommendations?count=20 for {RoomCount} open sessions of {RoomSize} members each, every member scored over the room's candidates.")
            .Note($"The service ranks up to {candidates} candidates (the user's songs, the songs EASE's weights and the walk lead to, popular songs) with the served DeepFM; the bare model scores the same number of songs with the same prepared scorer (user side included) with no HTTP, state or ranking. The HTTP ceiling is GET /health/live from the same client in the same run.")
            .Build();
    }

    private const int RoomCount = 100;
    private const int RoomSize = 4;
    private const int QueueLength = 10;

    private static async Task<LoadResult> LoadedAsync(Func<int, Task> get)
    {
        await LoadRunner.RunAsync(Concurrency, int.MaxValue, get, WarmUp / 2);
        return await LoadRunner.RunAsync(Concurrency, int.MaxValue, get, TimeSpan.FromSeconds(15));
    }

    /// <summary>The catalog's second most common language (a tab most of a list is not in) and some of its songs' ids.</summary>
    private static async Task<(string Language, List<string> SongIds)> CatalogSampleAsync(HttpClient http)
    {
        var songs = (await http.GetFromJsonAsync<SongPage>("/songs?limit=500"))!.Items;
        var language = songs.GroupBy(s => s.Language).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Skip(1).First().Key;
        return (language, [.. songs.Select(s => s.Id)]);
    }

    /// <summary>Each room's queue: the first <paramref name="length"/> songs of its own list, as a jukebox's guests would queue them.</summary>
    private static async Task QueueAsync(HttpClient http, List<string> rooms, int length)
    {
        foreach (var room in rooms)
        {
            var list = await http.GetFromJsonAsync<RoomList>($"/sessions/{room}/recommendations?count={length}");
            using var response = await http.PutAsJsonAsync($"/sessions/{room}/queue", new { songIds = list!.Items.Select(i => i.SongId) });
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed record SongPage(IReadOnlyList<CatalogSong> Items);

    private sealed record CatalogSong(string Id, string Language);

    private sealed record RoomList(IReadOnlyList<ListedSong> Items);

    private sealed record ListedSong(string SongId);

    /// <summary>Open sessions of <paramref name="size"/> users each (started again on a rerun: a safe retry).</summary>
    private static async Task<List<string>> StartRoomsAsync(HttpClient http, List<string> userIds, int count, int size)
    {
        var rooms = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var members = Enumerable.Range(0, size).Select(m => userIds[(i * size + m) * 7919 % userIds.Count]).Distinct().ToArray();
            var id = $"bench-room-{i:D3}";
            using var response = await http.PostAsJsonAsync("/sessions", new { sessionId = id, room = $"room-{i % 20:D2}", userIds = members });
            response.EnsureSuccessStatusCode();
            rooms.Add(id);
        }
        return rooms;
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }
}
