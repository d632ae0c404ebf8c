using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Feedback;

/// <summary>
/// The share of shown songs that get picked, per model version and strategy and per day: read from the events that
/// echo a list's recommendationId (impressions for what was shown, any other event for a pick), each list's model
/// version and strategy read back from its id (versions the registry does not have are left out). Computed from the
/// database, so every node reports the same, and
/// reused for <see cref="FeedbackOptions.PickRateCacheSeconds"/>.
/// </summary>
internal sealed class PickRates(IServiceScopeFactory scopes, RecommendationIds ids, IOptions<FeedbackOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _computing = new(1, 1);
    private (DateTimeOffset At, PickRatesResponse Report)? _cached;

    public async Task<PickRatesResponse> GetAsync(CancellationToken cancellationToken)
    {
        await _computing.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_cached is { } cached && now - cached.At < TimeSpan.FromSeconds(options.Value.PickRateCacheSeconds)) return cached.Report;
            var report = await ComputeAsync(now.UtcDateTime.AddDays(-options.Value.PickRateDays), cancellationToken);
            _cached = (now, report);
            return report;
        }
        finally
        {
            _computing.Release();
        }
    }

    /// <summary>Each model version's pick rate, overall and by strategy.</summary>
    public static Dictionary<string, ModelPickRate> ByModel(PickRatesResponse report) =>
        report.Days.Where(d => d.ModelVersion is not null).GroupBy(d => d.ModelVersion!).ToDictionary(
            version => version.Key,
            version =>
            {
                var byStrategy = version.GroupBy(d => d.Strategy).ToDictionary(s => s.Key, s => PickRate.Of(s.Sum(d => d.Shown), s.Sum(d => d.Picked)));
                var total = PickRate.Of(version.Sum(d => d.Shown), version.Sum(d => d.Picked));
                return new ModelPickRate(total.Shown, total.Picked, total.Rate, byStrategy);
            });

    private async Task<PickRatesResponse> ComputeAsync(DateTime since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        // Events come a little after their list: the window starts a day early, and lists issued before it are left out below.
        var eventsSince = since.AddDays(-1);
        var songs = await db.Events.AsNoTracking()
            .Where(e => e.RecommendationId != null && e.OccurredAt >= eventsSince)
            .GroupBy(e => new { e.RecommendationId, e.SongId })
            .Select(g => new { g.Key.RecommendationId, Picked = g.Max(e => e.Type != EventType.Impression ? 1 : 0) })
            .ToListAsync(cancellationToken);

        // Only versions the registry has: a report (and a metric label) per version stays bounded by the registry.
        var versions = (await db.ModelVersions.AsNoTracking().Select(v => v.Version).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var lists = new Dictionary<string, IssuedList?>(StringComparer.Ordinal);
        var days = new Dictionary<(DateOnly, string?, string), (int Shown, int Picked)>();
        foreach (var song in songs)
        {
            if (!lists.TryGetValue(song.RecommendationId!, out var list)) lists[song.RecommendationId!] = list = ids.Read(song.RecommendationId!);
            // An id issued under another secret (rotated since) says nothing any more.
            if (list is null || list.IssuedAt < since || list.ModelVersion is { } version && !versions.Contains(version)) continue;
            var key = (DateOnly.FromDateTime(list.IssuedAt), list.ModelVersion, list.Strategy);
            var (shown, picked) = days.GetValueOrDefault(key);
            days[key] = (shown + 1, picked + song.Picked);
        }
        var rows = days.OrderBy(d => d.Key.Item1).ThenBy(d => d.Key.Item2).ThenBy(d => d.Key.Item3)
            .Select(d => new PickRateDay(d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Value.Shown, d.Value.Picked, PickRate.Of(d.Value.Shown, d.Value.Picked).Rate))
            .ToList();
        return new PickRatesResponse(since, PickRate.Of(rows.Sum(r => r.Shown), rows.Sum(r => r.Picked)), rows);
    }
}
