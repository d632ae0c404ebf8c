using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using KtvRec.Training.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// The venue's whole catalog ranked by recent popularity: how many people enjoyed each song (<see cref="Listening"/>) in
/// the last <see cref="RecommendationOptions.PopularityWindowDays"/>, as the pipeline counts it offline. Computed from the events of the window and reused for <see cref="RecommendationOptions.PopularityCacheSeconds"/>;
/// once that has passed the next request still gets the last ranking at once and a new one is computed in the
/// background, so no request waits for the grouped query over the window (only the very first, when there is none).
/// </summary>
internal sealed class PopularityRanking(
    IServiceScopeFactory scopes, IOptions<RecommendationOptions> options, TimeProvider clock, ILogger<PopularityRanking> logger)
    : IHostedService
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (DateTimeOffset ComputedAt, RankedCatalog Catalog)? _cached;
    private int _refreshing;

    /// <summary>At start-up: the first ranking is computed before the service takes requests.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<RankedCatalog> GetAsync(CancellationToken cancellationToken)
    {
        // 0 (the tests' setting): computed for every request, so each sees the events just stored.
        if (_cached is not { } cached || options.Value.PopularityCacheSeconds == 0) return await RefreshAsync(cancellationToken);
        if (clock.GetUtcNow() - cached.ComputedAt >= TimeSpan.FromSeconds(options.Value.PopularityCacheSeconds)) StartRefresh();
        return cached.Catalog;
    }

    /// <summary>Songs were added or changed: a new ranking is computed in the background, so they are listed within one computation rather than one cache period.</summary>
    public void CatalogChanged()
    {
        if (_cached is not null) StartRefresh();
    }

    private void StartRefresh()
    {
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync(CancellationToken.None);
            }
            catch (ObjectDisposedException)
            {
                // The service is stopping.
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Refreshing the popularity ranking failed; the last one serves until the next try");
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    private async Task<RankedCatalog> RefreshAsync(CancellationToken cancellationToken)
    {
        var requested = clock.GetUtcNow();
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            // Computed by another caller while this one waited (many first requests at start-up).
            if (_cached is { } done && done.ComputedAt >= requested && options.Value.PopularityCacheSeconds > 0) return done.Catalog;
            var ranking = await ComputeAsync(cancellationToken);
            _cached = (clock.GetUtcNow(), ranking);
            return ranking;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>
    /// How many people enjoyed each song from <paramref name="from"/> until <paramref name="to"/> (null: whenever, a clock
    /// a little ahead included): the one definition of popularity (the pipeline's <see cref="SongPopularity"/>), and what a chart counts.
    /// </summary>
    public static Task<Dictionary<string, double>> EnjoyedByAsync(KtvDbContext db, DateTime from, DateTime? to, CancellationToken cancellationToken)
    {
        var window = db.Events.AsNoTracking().Where(e => e.OccurredAt >= from);
        if (to is { } end) window = window.Where(e => e.OccurredAt < end);
        // Grouped by `SongId || ''`, which no index serves: SQLite (without range statistics) would otherwise walk the
        // song index over every event ever stored to skip a sort — 28 s instead of 5 at 10 million events — rather than
        // read the window through the time index.
        return window
            .Where(Listening.Enjoyed)
            .GroupBy(e => e.SongId + "")
            .Select(g => new { SongId = g.Key, Users = g.Select(e => e.UserId).Distinct().Count() })
            .ToDictionaryAsync(s => s.SongId, s => (double)s.Users, cancellationToken);
    }

    private async Task<RankedCatalog> ComputeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var enjoyedBy = await EnjoyedByAsync(db, now.AddDays(-options.Value.PopularityWindowDays), null, cancellationToken);

        // Every song is ranked, the unsung ones last (newest first), so a young venue still gets a full list.
        var songs = await db.Songs.AsNoTracking().ToListAsync(cancellationToken);
        return new RankedCatalog(SongPopularity.Order(
            songs.Select(song => new RankedSong(song, enjoyedBy.GetValueOrDefault(song.Id))), s => s.Song, s => s.Score));
    }
}
