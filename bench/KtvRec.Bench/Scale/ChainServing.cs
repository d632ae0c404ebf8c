using KtvRec.Bench.Load;
using KtvRec.Bench.Recommendations;
using KtvRec.Bench.Report;
using KtvRec.Bench.Stability;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Bench.Scale;

/// <summary>
/// GET /recommendations on a chain's service, for two kinds of user: the members of the rooms of the chain's last week
/// (who a jukebox asks for: they are singing), each asked for again and again, and any of its members, nearly every
/// request the first for its user (read from the database, then kept while memory allows): the cold path.
/// </summary>
public static class ChainServing
{
    public const int Clients = RecommendationBench.Concurrency;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OneClient = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Loaded = TimeSpan.FromSeconds(20);

    public sealed record Run(string Users, string Key, int Clients, LoadResult Result);

    public static async Task<List<Run>> MeasureAsync(HttpClient http, string dataDirectory, int members)
    {
        var active = await RecentMembersAsync(dataDirectory, TimeSpan.FromDays(7));
        Task Active(int index) => GetAsync(http, $"/recommendations/{active[(int)(index * 7919L % active.Count)]}?count=20");
        Task Any(int index) => GetAsync(http, $"/recommendations/u{(index * 7919L + 13) % members:D5}?count=20");
        var activeName = $"the {active.Count:N0} members who sang in the last week";
        var anyName = $"any of the {members:N0} members (mostly first requests)";

        // Every active member asked for once first: a member warmed at start-up is completed from the database on its first
        // request when the window holds more than KtvRec:State:WarmEvents, and the runs below measure the state in memory.
        await LoadRunner.RunAsync(Clients, active.Count, Active);
        await LoadRunner.RunAsync(Clients, int.MaxValue, Active, WarmUp);
        return
        [
            new(activeName, "active", 1, await LoadRunner.RunAsync(1, int.MaxValue, Active, OneClient)),
            new(activeName, "active", Clients, await LoadRunner.RunAsync(Clients, int.MaxValue, Active, Loaded)),
            new(anyName, "any", 1, await LoadRunner.RunAsync(1, int.MaxValue, Any, OneClient)),
            new(anyName, "any", Clients, await LoadRunner.RunAsync(Clients, int.MaxValue, Any, Loaded)),
        ];
    }

    /// <summary>The runs, the HTTP ceiling and the service's resident memory after them, as rows of <paramref name="section"/>.</summary>
    public static async Task<SectionBuilder> AddRowsAsync(SectionBuilder section, HttpClient http, List<Run> runs, int serverPid)
    {
        foreach (var (users, key, clients, result) in runs)
        {
            section.Row($"GET /recommendations/{{userId}}?count=20, {users}, {clients} client{(clients > 1 ? "s" : "")}", $"{result.PerSecond:N0} req/s",
                    $"p50 {Format.Ms(result.P50)}, p99 {Format.Ms(result.P99)}, {result.Failures} failed")
                .Figure($"recommendations_{key}_c{clients}_per_sec", result.PerSecond).Figure($"recommendations_{key}_c{clients}_p99_ms", result.P99)
                .Figure($"recommendations_{key}_c{clients}_failed", result.Failures);
        }
        var ceiling = await LoadRunner.RunAsync(Clients, int.MaxValue, _ => GetAsync(http, "/health/live"), WarmUp);
        var servingMb = ResidentMemory.MegabytesOf(serverPid);
        return section
            .Row($"HTTP ceiling, GET /health/live, {Clients} clients", $"{ceiling.PerSecond:N0} req/s", $"p99 {Format.Ms(ceiling.P99)}")
            .Row("resident memory while serving", $"{servingMb:F0} MB", "after the load above")
            .Figure("http_ceiling_per_sec", ceiling.PerSecond).Figure("serving_rss_mb", servingMb);
    }

    /// <summary>The members of the room sessions that started in the <paramref name="span"/> before the newest one.</summary>
    private static async Task<List<string>> RecentMembersAsync(string dataDirectory, TimeSpan span)
    {
        await using var db = new KtvDbContext(SqliteStore.Options(dataDirectory));
        var newest = await db.Sessions.MaxAsync(s => s.StartedAt);
        var since = newest - span;
        return await db.Sessions.Where(s => s.StartedAt >= since).SelectMany(s => s.Members).Select(m => m.UserId)
            .Distinct().OrderBy(id => id).ToListAsync();
    }

    public static async Task GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
    }
}
