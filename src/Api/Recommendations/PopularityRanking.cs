using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// The venue's whole catalog ranked by recent popularity: completes, likes and favorites count more than plays, skips count
/// against. Computed from the events of the window and reused for a short while, since every request needs it.
/// </summary>
public sealed class PopularityRanking(IServiceScopeFactory scopes, IOptions<RecommendationOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (DateTimeOffset ComputedAt, RankedCatalog Catalog)? _cached;

    public async Task<RankedCatalog> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } catalog) return catalog;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } computedMeanwhile) return computedMeanwhile;
            var ranking = await ComputeAsync(cancellationToken);
            _cached = (clock.GetUtcNow(), ranking);
            return ranking;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private RankedCatalog? Fresh()
    {
        var cached = _cached;
        var maxAge = TimeSpan.FromSeconds(options.Value.PopularityCacheSeconds);
        return cached is { } c && clock.GetUtcNow() - c.ComputedAt < maxAge ? c.Catalog : null;
    }

    private async Task<RankedCatalog> ComputeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.PopularityWindowDays);

        var scores = await db.Events.AsNoTracking()
            .Where(e => e.OccurredAt >= since)
            .GroupBy(e => e.SongId)
            .Select(g => new
            {
                SongId = g.Key,
                Score = g.Sum(e =>
                    e.Type == EventType.Play ? 1.0 :
                    e.Type == EventType.Complete ? 2.0 :
                    e.Type == EventType.Like ? 3.0 :
                    e.Type == EventType.Favorite ? 4.0 :
                    e.Type == EventType.Score ? (e.Score >= 80 ? 1.0 : 0.0) :
                    e.Type == EventType.Skip ? -1.0 : 0.0),
            })
            .ToDictionaryAsync(s => s.SongId, s => s.Score, cancellationToken);

        // Every song is ranked, the unheard ones last (newest first), so a young venue still gets a full list.
        var songs = await db.Songs.AsNoTracking().ToListAsync(cancellationToken);
        return new RankedCatalog(songs
            .Select(song => new RankedSong(song, scores.GetValueOrDefault(song.Id)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Song.ReleaseYear ?? 0)
            .ThenBy(x => x.Song.Id, StringComparer.Ordinal)
            .ToArray());
    }
}
