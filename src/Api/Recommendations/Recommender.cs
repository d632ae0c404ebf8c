using KtvRec.Api.Serving;
using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using KtvRec.Training.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// Builds a user's list: popular candidates (overall and in their or their room's languages), re-ranked by the
/// serving model in the context of the request, without what they just sang or what their room already sang.
/// </summary>
public sealed class Recommender(
    KtvDbContext db, PopularityRanking popularity, ModelHolder models, IOptions<RecommendationOptions> options, TimeProvider clock)
{
    public async Task<RecommendationResponse> RecommendAsync(string userId, int count, string? sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var room = sessionId is null ? null : await RoomAsync(sessionId, cancellationToken);
        var excluded = user is null ? [] : await RecentlySungAsync(userId, now, cancellationToken);
        if (room is not null) excluded.UnionWith(room.SungSongs);

        var catalog = await popularity.GetAsync(cancellationToken);
        bool Available(RankedSong song) => !excluded.Contains(song.Song.Id);
        var languages = Languages(user, room);

        using var lease = models.Acquire();
        List<RecommendedSong> items;
        if (lease is null)
        {
            items = PreferLanguages(catalog, languages).Where(Available).Take(count).Select((song, i) => Item(i, song, song.Score)).ToList();
        }
        else
        {
            var candidates = Candidates(catalog, Available, languages, options.Value.CandidateCount);
            var context = PlayContext.At(now, room?.PartySize ?? 0);
            var scores = CatalogScorer.Score(lease.Model, userId, user, candidates.Select(c => c.Song).ToList(), context);
            items = Enumerable.Range(0, candidates.Count)
                .OrderByDescending(i => scores[i])
                .Take(count)
                .Select((candidate, rank) => Item(rank, candidates[candidate], Math.Round(scores[candidate], 6)))
                .ToList();
        }

        var strategy = user is null ? Strategies.ColdStart : lease is null ? Strategies.Popularity : Strategies.DeepFm;
        return new RecommendationResponse(userId, strategy, lease?.Model.Metadata.Version, now, items);
    }

    private static RecommendedSong Item(int index, RankedSong song, double score) =>
        new(index + 1, song.Song.Id, song.Song.Title, song.Song.Artist, song.Song.Language, score);

    /// <summary>The cheap first stage: half the most popular songs overall, the rest the most popular in the languages that matter here.</summary>
    private static List<RankedSong> Candidates(RankedCatalog catalog, Func<RankedSong, bool> available, HashSet<string> languages, int limit)
    {
        var chosen = new HashSet<string>();
        var candidates = new List<RankedSong>(Math.Min(limit, catalog.Songs.Count));
        void Add(IEnumerable<RankedSong> songs, int upTo)
        {
            foreach (var song in songs)
            {
                if (candidates.Count >= upTo) return;
                if (available(song) && chosen.Add(song.Song.Id)) candidates.Add(song);
            }
        }
        Add(catalog.Songs, limit / 2);
        Add(catalog.InLanguages(languages), limit);
        Add(catalog.Songs, limit);
        return candidates;
    }

    /// <summary>Without a model: popular songs in the languages that matter here first, then the rest.</summary>
    private static IEnumerable<RankedSong> PreferLanguages(RankedCatalog catalog, HashSet<string> languages) =>
        languages.Count == 0
            ? catalog.Songs
            : catalog.InLanguages(languages).Concat(catalog.Songs.Where(s => !languages.Contains(s.Song.Language)));

    /// <summary>The user's preferred languages, or for a room, its members' and the languages it has been singing.</summary>
    private static HashSet<string> Languages(User? user, Room? room)
    {
        var languages = new HashSet<string>(user?.PreferredLanguages ?? [], StringComparer.OrdinalIgnoreCase);
        if (room is not null) languages.UnionWith(room.Languages);
        return languages;
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

    private sealed record Room(int PartySize, IReadOnlyList<string> SungSongs, IReadOnlyList<string> Languages);

    private async Task<Room?> RoomAsync(string sessionId, CancellationToken cancellationToken)
    {
        var members = await db.Sessions.Where(s => s.Id == sessionId).SelectMany(s => s.Members).Select(m => m.UserId).ToListAsync(cancellationToken);
        var sung = await db.Events
            .Where(e => e.SessionId == sessionId && (e.Type == EventType.Play || e.Type == EventType.Complete))
            .Join(db.Songs, e => e.SongId, s => s.Id, (e, s) => new { s.Id, s.Language })
            .Distinct()
            .ToListAsync(cancellationToken);
        var preferred = await db.Users.Where(u => members.Contains(u.Id)).Select(u => u.PreferredLanguages).ToListAsync(cancellationToken);
        var languages = preferred.SelectMany(l => l).Concat(sung.Select(s => s.Language)).Distinct().ToList();
        return new Room(members.Count, sung.Select(s => s.Id).ToList(), languages);
    }
}
