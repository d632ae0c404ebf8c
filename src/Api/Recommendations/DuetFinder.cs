using KtvRec.Api.Feedback;
using KtvRec.Api.State;
using KtvRec.Domain.Songs;

namespace KtvRec.Api.Recommendations;

/// <param name="MemberId">The member.</param>
/// <param name="Score">The serving model's probability that this member picks and enjoys the song (popularity without a model).</param>
/// <param name="Reason">Why it suits this member: the strongest reason on their own list.</param>
internal sealed record DuetFit(string MemberId, double Score, RecommendationReason Reason);

/// <param name="Score">The less keen member's score: a duet both want to sing ranks first.</param>
/// <param name="Fits">Each member's score and reason, in the order the members were given.</param>
internal sealed record DuetSong(
    int Rank, string SongId, string Title, string Artist, string Language, string Genre, int? ReleaseYear, double Score, IReadOnlyList<DuetFit> Fits);

/// <param name="RecommendationId">As on a room's list: echo it on the impression and pick events of its songs.</param>
/// <param name="Strategy">duet (the serving model, both members) or popularity (no model serves yet).</param>
/// <param name="MatchingSongs">How many songs of the catalog are tagged duet (and match the other filters).</param>
internal sealed record DuetResponse(
    string RecommendationId, string SessionId, IReadOnlyList<string> Members, string Strategy, string? ModelVersion, DateTime GeneratedAt,
    IReadOnlyList<DuetSong> Items, int MatchingSongs);

/// <summary>
/// Duets for two members of a room: each member's own list made from the catalog's duet songs (tag <see cref="Tag"/>)
/// in the room's context, leaving out what the room sang and queued; a song on both lists ranks by the less keen
/// member's score (least misery: a duet needs both), and says for each member why it suits them.
/// </summary>
internal sealed class DuetFinder(Recommender recommender, RecommendationIds ids, TimeProvider clock)
{
    public const string Tag = "duet";

    // Each member's list holds up to this many duet songs: the two lists' common songs are the candidates.
    private const int Pool = 100;

    /// <param name="filter">The caller's other filters and exclusions; the duet tag is added to them.</param>
    public async Task<DuetResponse> FindAsync(RoomState room, string first, string second, int count, ListFilter filter, CancellationToken cancellationToken)
    {
        var duets = filter with { Songs = filter.Songs with { Tags = SongFilter.Texts([Tag]) } };
        // Every duet song the filter keeps may be on each member's list: the most a list holds, not just the first few.
        var lists = new[]
        {
            await recommender.RecommendAsync(first, Pool, room, false, duets, cancellationToken),
            await recommender.RecommendAsync(second, Pool, room, false, duets, cancellationToken),
        };
        var theirs = lists[1].Items.ToDictionary(item => item.SongId, StringComparer.Ordinal);
        var items = lists[0].Items.Where(item => theirs.ContainsKey(item.SongId))
            .Select(mine => (Mine: mine, Theirs: theirs[mine.SongId]))
            .OrderByDescending(pair => Math.Min(pair.Mine.Score, pair.Theirs.Score))
            .ThenByDescending(pair => pair.Mine.Score + pair.Theirs.Score)
            .Take(count)
            .Select((pair, i) => new DuetSong(
                i + 1, pair.Mine.SongId, pair.Mine.Title, pair.Mine.Artist, pair.Mine.Language, pair.Mine.Genre, pair.Mine.ReleaseYear,
                Math.Min(pair.Mine.Score, pair.Theirs.Score),
                [new DuetFit(first, pair.Mine.Score, pair.Mine.Reasons[0]), new DuetFit(second, pair.Theirs.Score, pair.Theirs.Reasons[0])]))
            .ToList();

        var now = clock.GetUtcNow().UtcDateTime;
        var strategy = lists[0].ModelVersion is null ? Strategies.Popularity : Strategies.Duet;
        var id = ids.New(new IssuedList(now, strategy, lists[0].ModelVersion, IssuedList.ForRoom(room.SessionId)));
        return new DuetResponse(id, room.SessionId, [first, second], strategy, lists[0].ModelVersion, now, items, lists[0].MatchingSongs ?? 0);
    }
}
