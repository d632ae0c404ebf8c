using KtvRec.Api.Feedback;
using KtvRec.Api.Serving;
using KtvRec.Api.State;
using KtvRec.Domain;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// Builds a user's list: candidates over the whole catalog (the user's own songs, songs the same people enjoyed as the
/// user's recent songs, the model's own choice by dot product over the catalog, popular songs overall and in their or
/// their room's languages), ranked by the serving model in the context of the request, without what they just sang or
/// what their room already sang. Reads only memory: the user and room from <see cref="VenueState"/> (their songs since
/// the last retrain count at once), the catalog from the popularity ranking, the model's prepared scorer.
/// </summary>
public sealed class Recommender(
    VenueState venue, PopularityRanking popularity, ModelHolder models, RecommendationIds ids,
    IOptions<RecommendationOptions> options, TimeProvider clock)
{
    /// <param name="room">The room session the list is for, if any.</param>
    /// <param name="discovery">Only songs the user has never played: a list to find new songs by.</param>
    public async Task<RecommendationResponse> RecommendAsync(string userId, int count, RoomState? room, bool discovery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await venue.Users.GetAsync(userId, cancellationToken);
        var (user, history, excluded) = state.Read(now.AddHours(-options.Value.RecentlySungHours));
        var roomPlayed = room?.Played() ?? [];
        excluded.UnionWith(roomPlayed);
        if (discovery) excluded.UnionWith(state.Played());

        var catalog = await popularity.GetAsync(cancellationToken);
        bool Available(RankedSong song) => !excluded.Contains(song.Song.Id);
        var languages = await LanguagesAsync(user, room, roomPlayed, catalog, cancellationToken);
        var reasons = new RecommendationReasons(catalog, languages, catalog.ArtistsOf(roomPlayed), options.Value.PopularityWindowDays);

        using var lease = models.Acquire();
        List<RecommendedSong> items;
        var newToModel = false;
        if (lease is null)
        {
            items = Varied(catalog.InLanguagesFirst(languages).Where(Available), song => song.ArtistKey, count)
                .Select((song, i) => RecommendedSong.Of(i + 1, song, song.Score, reasons.For(song, null, null))).ToList();
        }
        else
        {
            var limit = options.Value.CandidateCount;
            var context = PlayContext.At(now, room?.Members.Count ?? 0);
            // Songs as the scorer's rows from here on: candidates, exclusions and scores are looked up by index, not id.
            var rows = catalog.RowsFor(lease.Scorer);
            var excludedRows = rows.RowsOf(excluded);
            var popular = catalog.PopularCandidates(languages, limit).Select(rows.RowOf).Where(row => row >= 0);
            var side = lease.Scorer.Prepare(user, userId, context, history);
            var picks = lease.Scorer.Top(side, limit / 5);
            var candidates = new List<Candidate>(limit);
            var songs = new List<RankedSong>(limit);
            var candidateRows = new List<int>(limit);
            foreach (var candidate in CandidateGenerator.Generate(lease.Neighbours, history, popular, row => !excludedRows.Contains(row), limit, picks))
            {
                if (rows.SongAt(candidate.Song) is not { } song) continue;
                candidates.Add(candidate);
                songs.Add(song);
                candidateRows.Add(candidate.Song);
            }
            var scores = lease.Scorer.Score(side, candidateRows);
            newToModel = history.Count > 0 && !lease.Model.Space.Knows(KtvFeatures.UserField, userId);
            var similarWeight = SimilarWeight(lease.Model.Metadata.SimilarSongsWeight, newToModel);
            var ranking = similarWeight > 0 ? RankFusion.Fuse(candidates, scores, similarWeight) : Array.ConvertAll(scores, s => (double)s);
            // Every candidate in order, read as far as variety needs, so it can reach below the first count.
            var chosen = Varied(RankFusion.InOrder(ranking, 2 * count), candidate => songs[candidate].ArtistKey, count);
            var fits = lease.Scorer.ContextFits(
                side, context, chosen.ConvertAll(c => candidateRows[c]), chosen.ConvertAll(c => scores[c]), (float)options.Value.MinContextLift);
            items = chosen.Select((candidate, rank) => RecommendedSong.Of(
                rank + 1, songs[candidate], Math.Round(ranking[candidate], 6), reasons.For(songs[candidate], candidates[candidate], fits[rank]))).ToList();
        }

        var known = user is not null || history.Count > 0;
        var strategy =
            !known ? Strategies.ColdStart :
            lease is null ? Strategies.Popularity :
            newToModel ? Strategies.SimilarSongs : Strategies.DeepFm;
        var version = lease?.Model.Metadata.Version;
        return new RecommendationResponse(ids.New(new IssuedList(now, strategy, version)), userId, known, strategy, version, now, items);
    }

    private List<T> Varied<T>(IEnumerable<T> ranked, Func<T, int> artistOf, int count) =>
        ArtistVariety.Take(ranked, artistOf, count, options.Value.MaxPerArtist, options.Value.ArtistWindow);

    /// <summary>
    /// The weight the model's retrain measured for the similar-songs order; at least 1 for a user the model has never
    /// seen, whose songs since the last retrain it knows only through their recent songs.
    /// </summary>
    private static double SimilarWeight(double? measured, bool newToModel) =>
        newToModel ? Math.Max(1, measured ?? 1) : measured ?? 0;

    /// <summary>The user's preferred languages, or for a room, its members' and those of the songs it has played.</summary>
    private async Task<HashSet<string>> LanguagesAsync(
        User? user, RoomState? room, List<string> roomPlayed, RankedCatalog catalog, CancellationToken cancellationToken)
    {
        var languages = new HashSet<string>(user?.PreferredLanguages ?? [], StringComparer.OrdinalIgnoreCase);
        if (room is null) return languages;
        foreach (var member in room.Members)
            languages.UnionWith((await venue.Users.GetAsync(member, cancellationToken)).Profile?.PreferredLanguages ?? []);
        languages.UnionWith(catalog.LanguagesOf(roomPlayed));
        return languages;
    }
}
