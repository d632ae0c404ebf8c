using KtvRec.Api.Recommendations;
using KtvRec.Api.Rules;
using KtvRec.Domain.Storage;
using KtvRec.Training.Pipeline;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Charts;

/// <summary>
/// The venue's most sung songs over the last day, week or month, counted as popularity is (how many people enjoyed each),
/// with each song's movement against the period before on the same chart; a song the venue blocks is on no chart. The counts per period are taken once per
/// <see cref="RecommendationOptions.PopularityCacheSeconds"/>; filters and ranks apply per request.
/// </summary>
internal sealed class VenueCharts(
    IServiceScopeFactory scopes, PopularityRanking popularity, RuleBook rules, IOptions<RecommendationOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _counting = new(1, 1);
    private readonly Dictionary<ChartPeriod, Counts> _counts = [];

    private sealed record Counts(DateTime From, DateTime To, Dictionary<string, double> Current, Dictionary<string, double> Previous);

    public static TimeSpan Length(ChartPeriod period) => period switch
    {
        ChartPeriod.Day => TimeSpan.FromDays(1),
        ChartPeriod.Week => TimeSpan.FromDays(7),
        _ => TimeSpan.FromDays(30),
    };

    public async Task<ChartResponse> ChartAsync(ChartPeriod period, int count, ListFilter filter, CancellationToken cancellationToken)
    {
        var catalog = await popularity.GetAsync(cancellationToken);
        var counts = await CountsAsync(period, cancellationToken);
        var match = catalog.Match(filter.Songs);
        var blocked = rules.Active().Blocked;
        bool Kept(RankedSong song) => match?.Contains(song.Position) != false && !filter.Exclude.Contains(song.Song.Id) && !blocked.Contains(song.Song.Id);

        var before = Ranked(counts.Previous, catalog, Kept).Select((song, i) => (song.Song.Id, Rank: i + 1))
            .ToDictionary(entry => entry.Id, entry => entry.Rank, StringComparer.Ordinal);
        var items = Ranked(counts.Current, catalog, Kept).Take(count).Select((ranked, i) =>
        {
            var song = ranked.Song;
            int? previous = before.TryGetValue(song.Id, out var rank) ? rank : null;
            var movement = previous - (i + 1);
            var trend = movement switch { null => "new", > 0 => "up", < 0 => "down", _ => "same" };
            return new ChartEntry(
                i + 1, song.Id, song.Title, song.Artist, song.Language, song.Genre, song.ReleaseYear, counts.Current[song.Id], previous, movement, trend);
        }).ToList();
        return new ChartResponse(period.ToString().ToLowerInvariant(), counts.From, counts.To, items, match?.Count);
    }

    /// <summary>The songs sung in a period that the chart keeps, in popularity's order (ties: the newer release, then the id).</summary>
    private static List<RankedSong> Ranked(Dictionary<string, double> counts, RankedCatalog catalog, Func<RankedSong, bool> kept) =>
        SongPopularity.Order(counts.Keys.Select(catalog.Find).OfType<RankedSong>().Where(kept), s => s.Song, s => counts[s.Song.Id]);

    private async Task<Counts> CountsAsync(ChartPeriod period, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = TimeSpan.FromSeconds(options.Value.PopularityCacheSeconds);
        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (_counts.TryGetValue(period, out var cached) && now - cached.To < fresh) return cached;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
            var from = now - Length(period);
            var counts = new Counts(
                from, now,
                await PopularityRanking.EnjoyedByAsync(db, from, null, cancellationToken),
                await PopularityRanking.EnjoyedByAsync(db, from - Length(period), from, cancellationToken));
            _counts[period] = counts;
            return counts;
        }
        finally
        {
            _counting.Release();
        }
    }
}
