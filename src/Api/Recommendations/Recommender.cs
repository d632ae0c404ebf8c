using KtvRec.Api.Feedback;
using KtvRec.Api.Rules;
using KtvRec.Api.Serving;
using KtvRec.Api.State;
using KtvRec.Domain;
using KtvRec.Domain.Users;
using KtvRec.Training.Pipeline;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// A user's list: their request read from memory — their profile and songs (those since the last retrain count at
/// once), what they just sang and what their room sang tonight (left out), the languages that matter — and handed to
/// the one <see cref="RecommendationPipeline"/> with the served model and the venue's popularity, then written with
/// the reasons each song is there. Without a model, the venue's popular songs in the languages that matter.
/// </summary>
internal sealed class Recommender(
    VenueState venue, PopularityRanking popularity, ModelHolder models, RecommendationIds ids,
    IOptions<RecommendationOptions> options, TimeProvider clock)
{
    /// <param name="room">The room session the list is for, if any.</param>
    /// <param name="discovery">Only songs the user has never played: a list to find new songs by.</param>
    /// <param name="filter">The songs the caller leaves out (the room's queue), beside what the list leaves out itself, and those it keeps (a tab).</param>
    public async Task<RecommendationResponse> RecommendAsync(
        string userId, int count, RoomState? room, bool discovery, ListFilter filter, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await venue.Users.GetAsync(userId, cancellationToken);
        var (user, history, excluded, _) = state.Read(now.AddHours(-settings.RecentlySungHours));
        var roomPlayed = room?.Played() ?? [];
        excluded.UnionWith(roomPlayed);
        excluded.UnionWith(filter.Exclude);
        if (room is not null) excluded.UnionWith(room.Queue);
        var rules = venue.Rules.Active();
        excluded.UnionWith(rules.Blocked);
        if (discovery) excluded.UnionWith(state.Played());

        var catalog = await popularity.GetAsync(cancellationToken);
        var languages = await LanguagesAsync(userId, user, room, roomPlayed, catalog, cancellationToken);
        var reasons = new RecommendationReasons(catalog, languages, catalog.ArtistsOf(roomPlayed), settings.PopularityWindowDays);
        var match = catalog.Match(filter.Songs);

        using var lease = models.Acquire();
        var items = lease is null
            ? ByPopularity(catalog, languages, new AllowedSongs(excluded, match), rules, reasons, count)
            : ByModel(lease.Served, catalog, new ListRequest(user, PlayContext.At(now, room?.Members.Count ?? 0), history, excluded, languages, count, discovery)
            {
                Only = catalog.RowsIn(lease.Served, match),
                Required = rules.Placed,
            }, rules, reasons);

        var known = user is not null || history.Count > 0;
        var strategy = !known ? Strategies.ColdStart : lease is null ? Strategies.Popularity : Strategies.DeepFm;
        var version = lease?.Model.Metadata.Version;
        return new RecommendationResponse(
            ids.New(new IssuedList(now, strategy, version, IssuedList.ForUser(userId))), userId, known, strategy, version, now, items, match?.Count);
    }

    private List<RecommendedSong> ByModel(ServedModel served, RankedCatalog catalog, ListRequest request, ActiveRules rules, RecommendationReasons reasons)
    {
        var pipeline = new RecommendationPipeline(options.Value.ToPipeline());
        var scored = pipeline.Score(request, served, catalog.PopularityFor(served));
        var arranged = rules.Arrange(
            pipeline.Order(scored, served, request.Count), scored.Candidates.OrderByDescending(c => c.Probability), c => served.Rows.Ids[c.Candidate.Row],
            request.Count, options.Value.PromotedShare);
        // A song added after the popularity ranking was computed waits for the next one.
        var chosen = arranged
            .Select(placed => (placed.Item, placed.Placement, Song: catalog.Find(served.Rows.Ids[placed.Item.Candidate.Row])))
            .Where(pick => pick.Song is not null).ToList();
        var fits = served.Scorer.ContextFits(
            scored.Side, request.Context, chosen.ConvertAll(c => c.Item.Candidate.Row), chosen.ConvertAll(c => c.Item.Pair),
            chosen.ConvertAll(c => c.Item.Probability), (float)options.Value.MinContextLift);
        return chosen.Select((pick, rank) => RecommendedSong.Of(
            rank + 1, pick.Song!, Math.Round(pick.Item.Probability, 6),
            reasons.For(pick.Song!, pick.Item.Candidate, served.Rows, fits[rank], placement: pick.Placement))).ToList();
    }

    /// <summary>Without a model: popular songs (those the filter keeps) in the languages that matter here first, then the rest; the venue's rules placed in popularity's order.</summary>
    private List<RecommendedSong> ByPopularity(
        RankedCatalog catalog, HashSet<string> languages, AllowedSongs kept, ActiveRules rules, RecommendationReasons reasons, int count)
    {
        var ranked = ArtistVariety.Take(catalog.InLanguagesFirst(languages).Where(kept.Allows), song => song.ArtistKey, count,
            options.Value.MaxPerArtist, options.Value.ArtistWindow);
        return rules.Arrange(ranked, kept.Placeable(catalog, rules), song => song.Song.Id, count, options.Value.PromotedShare)
            .Select((placed, i) => RecommendedSong.Of(i + 1, placed.Item, placed.Item.Score, reasons.For(placed.Item, null, null, null, placement: placed.Placement)))
            .ToList();
    }

    /// <summary>The user's preferred languages, or for a room, its members' and those of the songs it has played.</summary>
    private async Task<HashSet<string>> LanguagesAsync(
        string userId, User? user, RoomState? room, List<string> roomPlayed, RankedCatalog catalog, CancellationToken cancellationToken)
    {
        var languages = new HashSet<string>(user?.PreferredLanguages ?? [], StringComparer.OrdinalIgnoreCase);
        if (room is null) return languages;
        // The user's own profile is read already; the other members' are read here.
        foreach (var member in room.Members.Where(m => !string.Equals(m, userId, StringComparison.Ordinal)))
            languages.UnionWith((await venue.Users.GetAsync(member, cancellationToken)).Profile?.PreferredLanguages ?? []);
        languages.UnionWith(catalog.LanguagesOf(roomPlayed));
        return languages;
    }
}
