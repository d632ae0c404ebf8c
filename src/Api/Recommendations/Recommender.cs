using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>Builds a user's list: the venue's ranking without what they just sang or what their room already sang.</summary>
public sealed class Recommender(KtvDbContext db, PopularityRanking popularity, IOptions<RecommendationOptions> options, TimeProvider clock)
{
    public async Task<RecommendationResponse> RecommendAsync(
        string userId, int count, string? sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var isKnown = await db.Users.AnyAsync(u => u.Id == userId, cancellationToken);
        var excluded = isKnown ? await RecentlySungAsync(userId, now, cancellationToken) : [];
        if (sessionId is not null)
            excluded.UnionWith(await SungInSessionAsync(sessionId, cancellationToken));

        var ranking = await popularity.GetAsync(cancellationToken);
        var items = ranking
            .Where(song => !excluded.Contains(song.SongId))
            .Take(count)
            .Select((song, index) => new RecommendedSong(index + 1, song.SongId, song.Title, song.Artist, song.Language, song.Score))
            .ToList();
        var strategy = isKnown ? Strategies.Popularity : Strategies.ColdStart;
        return new RecommendationResponse(userId, strategy, ModelVersion: null, now, items);
    }

    private async Task<HashSet<string>> RecentlySungAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now.AddHours(-options.Value.RecentlySungHours);
        var songs = await db.Events
            .Where(e => e.UserId == userId && e.Type == EventType.Complete && e.OccurredAt >= since)
            .Select(e => e.SongId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return songs.ToHashSet();
    }

    private async Task<List<string>> SungInSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        await db.Events
            .Where(e => e.SessionId == sessionId && (e.Type == EventType.Play || e.Type == EventType.Complete))
            .Select(e => e.SongId)
            .Distinct()
            .ToListAsync(cancellationToken);
}
