using KtvRec.Api.Serving;
using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// Builds a user's list: candidates over the whole catalog (the user's own songs, songs the same people enjoyed as the
/// user's recent songs, the model's own choice by dot product over the catalog, popular songs overall and in their or
/// their room's languages), ranked by the serving model in
/// the context of the request, without what they just sang or what their room already sang. The user's songs since
/// the last retrain count at once: their history is read per request, not from the model.
/// </summary>
public sealed class Recommender(
    KtvDbContext db, PopularityRanking popularity, ModelHolder models, ModelRetrievals retrievals, RecommendationIds ids,
    IOptions<RecommendationOptions> options, TimeProvider clock)
{
    /// <summary>How many of the user's newest enjoyed events are read per request.</summary>
    private const int HistoryEvents = 200;

    /// <param name="discovery">Only songs the user has never played: a list to find new songs by.</param>
    public async Task<RecommendationResponse> RecommendAsync(string userId, int count, string? sessionId, bool discovery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var room = sessionId is null ? null : await RoomAsync(sessionId, cancellationToken);
        var (history, excluded) = await HistoryAsync(userId, now, cancellationToken);
        if (room is not null) excluded.UnionWith(room.SungSongs);
        if (discovery) excluded.UnionWith(await PlayedSongsAsync(userId, cancellationToken));

        var catalog = await popularity.GetAsync(cancellationToken);
        bool Available(RankedSong song) => !excluded.Contains(song.Song.Id);
        var languages = Languages(user, room);

        using var lease = models.Acquire();
        List<RecommendedSong> items;
        var newToModel = false;
        if (lease is null)
        {
            items = PreferLanguages(catalog, languages).Where(Available).Take(count).Select((song, i) => Item(i, song, song.Score)).ToList();
        }
        else
        {
            var limit = options.Value.CandidateCount;
            var context = PlayContext.At(now, room?.PartySize ?? 0);
            var popular = PreferPopularInLanguages(catalog, languages, limit).Select(s => s.Song.Id);
            var picks = retrievals.For(lease.Model, catalog).Top(KtvFeatures.UserSide(user, userId, context, history), limit / 5);
            var candidates = new List<Candidate>(limit);
            var songs = new List<RankedSong>(limit);
            foreach (var candidate in CandidateGenerator.Generate(lease.Model.Neighbours, history, popular, id => !excluded.Contains(id), limit, picks))
            {
                // A song added after the popularity ranking was computed waits for the next one.
                if (catalog.Find(candidate.SongId) is not { } song) continue;
                candidates.Add(candidate);
                songs.Add(song);
            }
            var scores = CatalogScorer.Score(lease.Model, userId, user, songs.ConvertAll(s => s.Song), context, history);
            newToModel = history.Count > 0 && !lease.Model.Space.Knows(KtvFeatures.UserField, userId);
            var similarWeight = SimilarWeight(lease.Model.Metadata.SimilarSongsWeight, newToModel);
            var ranking = similarWeight > 0 ? RankFusion.Fuse(candidates, scores, similarWeight) : Array.ConvertAll(scores, s => (double)s);
            items = Enumerable.Range(0, candidates.Count)
                .OrderByDescending(i => ranking[i])
                .Take(count)
                .Select((candidate, rank) => Item(rank, songs[candidate], Math.Round(ranking[candidate], 6)))
                .ToList();
        }

        var known = user is not null || history.Count > 0;
        var strategy =
            !known ? Strategies.ColdStart :
            lease is null ? Strategies.Popularity :
            newToModel ? Strategies.SimilarSongs : Strategies.DeepFm;
        var version = lease?.Model.Metadata.Version;
        return new RecommendationResponse(ids.New(new IssuedList(now, strategy, version)), userId, known, strategy, version, now, items);
    }

    /// <summary>
    /// The weight the model's retrain measured for the similar-songs order; at least 1 for a user the model has never
    /// seen, whose songs since the last retrain it knows only through their recent songs.
    /// </summary>
    private static double SimilarWeight(double? measured, bool newToModel) =>
        newToModel ? Math.Max(1, measured ?? 1) : measured ?? 0;

    private static RecommendedSong Item(int index, RankedSong song, double score) =>
        new(index + 1, song.Song.Id, song.Song.Title, song.Song.Artist, song.Song.Language, score);

    /// <summary>The popular candidates: some of the most popular songs overall, then the most popular in the languages that matter here.</summary>
    private static IEnumerable<RankedSong> PreferPopularInLanguages(RankedCatalog catalog, HashSet<string> languages, int limit) =>
        catalog.Songs.Take(limit / 4).Concat(catalog.InLanguages(languages)).Concat(catalog.Songs);

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

    /// <summary>
    /// The user's most recently enjoyed songs, newest first (the history candidates and similar songs come from them),
    /// and those completed within <see cref="RecommendationOptions.RecentlySungHours"/>, which are left out.
    /// </summary>
    private async Task<(List<string> History, HashSet<string> RecentlySung)> HistoryAsync(string userId, DateTime now, CancellationToken cancellationToken)
    {
        var recent = await db.Events.AsNoTracking()
            .Where(e => e.UserId == userId && (e.Type == EventType.Complete || e.Type == EventType.Like || e.Type == EventType.Favorite))
            .OrderByDescending(e => e.OccurredAt)
            .Take(HistoryEvents)
            .Select(e => new { e.SongId, e.Type, e.OccurredAt })
            .ToListAsync(cancellationToken);
        var since = now.AddHours(-options.Value.RecentlySungHours);
        var sung = recent.Where(e => e.Type == EventType.Complete && e.OccurredAt >= since).Select(e => e.SongId).ToHashSet();
        return (recent.Select(e => e.SongId).Distinct().ToList(), sung);
    }

    /// <summary>Every song the user ever started or sang to the end.</summary>
    private Task<List<string>> PlayedSongsAsync(string userId, CancellationToken cancellationToken) =>
        db.Events.AsNoTracking()
            .Where(e => e.UserId == userId && (e.Type == EventType.Play || e.Type == EventType.Complete))
            .Select(e => e.SongId)
            .Distinct()
            .ToListAsync(cancellationToken);

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
