using KtvRec.Api.Feedback;
using KtvRec.Api.Rules;
using KtvRec.Api.Serving;
using KtvRec.Api.State;
using KtvRec.Domain;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Scoring;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// One list for everyone in a room. Candidates come from every member (their own songs, songs like their most recent), from
/// what the room sang tonight (songs like those) and from popularity in the room's languages; each member's scores come from the serving
/// model in the room's context (its party size, the hour). The scores are combined by the average without misery (<see cref="GroupStrategies.AverageWithoutMisery"/>),
/// and every member is suited by one of the list's first songs. Nothing the room sang tonight, nor anything a member completed
/// in the last <see cref="RecommendationOptions.RecentlySungHours"/>, is on it.
/// </summary>
internal sealed class RoomRecommender(
    VenueState venue, PopularityRanking popularity, ModelHolder models, RoomCandidateCache kept, RecommendationIds ids,
    IOptions<RecommendationOptions> options, TimeProvider clock)
{
    // The smallest pool a room's list is drawn from, however many are in the room.
    private const int MinPool = 100;

    /// <param name="filter">The songs the caller leaves out (the room's queue), beside what the list leaves out itself, and those it keeps (a tab).</param>
    public async Task<RoomRecommendationResponse> RecommendAsync(RoomState room, int count, ListFilter filter, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var roomPlayed = room.Played();
        var members = new List<(string Id, UserState.Reading Reading)>(room.Members.Count);
        var excluded = new HashSet<string>(roomPlayed, StringComparer.Ordinal);
        excluded.UnionWith(filter.Exclude);
        excluded.UnionWith(room.Queue);
        var rules = venue.Rules.Active();
        excluded.UnionWith(rules.Blocked);
        foreach (var id in room.Members.Distinct(StringComparer.Ordinal))
        {
            var reading = (await venue.Users.GetAsync(id, cancellationToken)).Read(now.AddHours(-settings.RecentlySungHours));
            excluded.UnionWith(reading.RecentlySung);
            members.Add((id, reading));
        }

        var catalog = await popularity.GetAsync(cancellationToken);
        var languages = catalog.LanguagesOf(roomPlayed);
        foreach (var member in members) languages.UnionWith(member.Reading.Profile?.PreferredLanguages ?? []);
        var reasons = new RecommendationReasons(catalog, languages, catalog.ArtistsOf(roomPlayed), settings.PopularityWindowDays);
        var match = catalog.Match(filter.Songs);

        using var lease = models.Acquire();
        var byModel = lease is not null && members.Count > 0;
        var items = byModel
            ? ByModel(lease!, catalog, room.SessionId, members, roomPlayed, languages, new AllowedSongs(excluded, match), rules, reasons, PlayContext.At(now, members.Count), count)
            : ByPopularity(catalog, members, languages, new AllowedSongs(excluded, match), rules, reasons, count);
        var strategy = byModel ? Strategies.Group : Strategies.Popularity;
        var version = lease?.Model.Metadata.Version;
        return new RoomRecommendationResponse(
            ids.New(new IssuedList(now, strategy, version, IssuedList.ForRoom(room.SessionId))), room.SessionId, [.. members.Select(m => m.Id)], strategy,
            GroupStrategies.AverageWithoutMisery, version, now, items, match?.Count);
    }

    private List<RecommendedSong> ByModel(
        ModelLease lease, RankedCatalog catalog, string sessionId, List<(string Id, UserState.Reading Reading)> members, List<string> roomPlayed,
        HashSet<string> languages, AllowedSongs kept, ActiveRules rules, RecommendationReasons reasons, PlayContext context, int count)
    {
        var settings = options.Value;
        var served = lease.Served;
        var pool = Candidates(served, catalog, sessionId, members, roomPlayed, languages, kept, rules);

        // Every member over the same candidates, in one batch: each member's pair fields from their own signals.
        var sides = members.ConvertAll(m => served.Scorer.Prepare(m.Reading.Profile, context, m.Reading.History));
        var pairs = pool.Pairs;
        var scores = served.Scorer.Score(sides, pool.Rows, pairs);
        var group = GroupScores.AverageWithoutMisery(scores, settings.GroupMisery, settings.GroupSuits);
        var arranged = rules.Arrange(
            ArtistVariety.Take(group.Ranked(), c => pool.Songs[c].ArtistKey, count, settings.MaxPerArtist, settings.ArtistWindow), group.Ranked(),
            c => pool.Songs[c].Song.Id, count, settings.PromotedShare);
        var order = arranged.ConvertAll(placed => placed.Item);

        // Each song's context reason as its best-suited member's model sees it.
        var fits = new ContextFit?[order.Count];
        for (var m = 0; m < members.Count; m++)
        {
            var led = Enumerable.Range(0, order.Count).Where(i => group.Suits[order[i]][0] == m).ToList();
            if (led.Count == 0) continue;
            var fit = served.Scorer.ContextFits(
                sides[m], context, led.ConvertAll(i => pool.Rows[order[i]]), led.ConvertAll(i => pairs[order[i] * members.Count + m]),
                led.ConvertAll(i => scores[m][order[i]]), (float)settings.MinContextLift);
            for (var k = 0; k < led.Count; k++) fits[led[k]] = fit[k];
        }
        return order.Select((c, rank) => RecommendedSong.Of(
            rank + 1, pool.Songs[c], Math.Round(group.Scores[c], 6),
            reasons.For(pool.Songs[c], pool.Candidates[c], served.Rows, fits[rank], pool.Subjects[c], arranged[rank].Placement),
            Array.ConvertAll(group.Suits[c], m => members[m].Id))).ToList();
    }


    /// <summary>
    /// The room's candidates and its members' pair fields: those kept from the room's last request while nothing they
    /// came from has changed (a list a filter narrows is gathered each time), else gathered now and kept.
    /// </summary>
    private RoomCandidates Candidates(
        ServedModel served, RankedCatalog catalog, string sessionId, List<(string Id, UserState.Reading Reading)> members, List<string> roomPlayed,
        HashSet<string> languages, AllowedSongs allowed, ActiveRules rules)
    {
        var key = allowed.Match is null
            ? new RoomCandidateKey(served, catalog, rules, [.. members.Select(m => m.Reading.Stamp)], roomPlayed.Count, allowed.Excluded)
            : null;
        if (key is not null && kept.Find(sessionId, key) is { } known) return known;

        var settings = options.Value;
        var limit = Math.Clamp(settings.RoomScoredPairs / members.Count, Math.Min(MinPool, settings.CandidateCount), settings.CandidateCount);
        // Songs as the catalog's rows from here on: candidates, exclusions and scores are looked up by index, not id.
        var excludedRows = served.Rows.RowsOf(allowed.Excluded).ToHashSet();
        var only = catalog.RowsIn(served, allowed.Match);
        bool Available(int row) => !excludedRows.Contains(row) && (only is null || only.Contains(row));
        var gathered = RoomCandidates.Gather(served, catalog, members, roomPlayed, languages, Available, only, rules, limit);
        if (key is not null) kept.Keep(sessionId, key, gathered);
        return gathered;
    }

    /// <summary>Without a model (or members): popular songs in the room's languages first; each suits the members who prefer its language, or everyone.</summary>
    private List<RecommendedSong> ByPopularity(
        RankedCatalog catalog, List<(string Id, UserState.Reading Reading)> members, HashSet<string> languages, AllowedSongs kept, ActiveRules rules, RecommendationReasons reasons,
        int count)
    {
        var settings = options.Value;
        var ranked = ArtistVariety.Take(catalog.InLanguagesFirst(languages).Where(kept.Allows), s => s.ArtistKey, count, settings.MaxPerArtist, settings.ArtistWindow);
        return rules.Arrange(ranked, kept.Placeable(catalog, rules), s => s.Song.Id, count, settings.PromotedShare)
            .Select((placed, i) =>
            {
                var song = placed.Item;
                var suits = members.Where(m => m.Reading.Profile?.PreferredLanguages.Contains(song.Song.Language, StringComparer.OrdinalIgnoreCase) == true)
                    .Select(m => m.Id).ToArray();
                return RecommendedSong.Of(i + 1, song, song.Score, reasons.For(song, null, null, null, placement: placed.Placement), suits.Length > 0 ? suits : [.. members.Select(m => m.Id)]);
            }).ToList();
    }
}
