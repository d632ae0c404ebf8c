using KtvRec.Api.Rules;
using KtvRec.Api.State;
using KtvRec.Training.Features;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// What a room's list is drawn from: its candidates (catalog rows) without repeats, each remembering its source and
/// whose songs it came from, and every member's pair fields for each of them. The scoring in the request's context comes
/// after; nothing here depends on the hour or the party size, so a room polled by its jukebox can keep it (<see cref="RoomCandidateCache"/>).
/// Read-only once gathered.
/// </summary>
internal sealed class RoomCandidates
{
    // A member's own candidates come from their most recent songs, fewer than a user's list reads (UserSignals.RecentSongs):
    // each member's passes read up to 200 weights per song, the most of a room's work after scoring, and by the
    // simulator's oracle 10 recent songs did as well as 20 or 50 (docs/ranking.md).
    private const int MemberSongs = 10;

    private readonly int _limit;
    private readonly HashSet<int> _chosen;

    private RoomCandidates(int limit) => (_limit, _chosen) = (limit, new HashSet<int>(limit));

    public List<Candidate> Candidates { get; private init; } = [];
    public List<RankedSong> Songs { get; private init; } = [];
    public List<ReasonSubject> Subjects { get; private init; } = [];
    public List<int> Rows { get; private init; } = [];

    /// <summary>The pair fields row by row, each member's in turn: [rows × members].</summary>
    public PairSignals[] Pairs { get; private set; } = [];

    /// <summary>
    /// The venue's promoted and pinned songs first (so a full pool still scores them), then songs like what the room sang
    /// tonight, each member's own candidates, and popular songs in the room's languages, up to <paramref name="limit"/>.
    /// </summary>
    /// <param name="members">The members' readings, in the room's order.</param>
    /// <param name="available">Whether a row may be on the list (not excluded, and kept by the list's filter).</param>
    /// <param name="only">The rows a filter keeps, when there is one: their popular songs replace the catalog's.</param>
    public static RoomCandidates Gather(
        ServedModel served, RankedCatalog catalog, IReadOnlyList<(string Id, UserState.Reading Reading)> members, List<string> roomPlayed,
        HashSet<string> languages, Func<int, bool> available, RowFilter? only, ActiveRules rules, int limit)
    {
        var popularity = catalog.PopularityFor(served);
        // The room's similar songs and each member's candidates, leaving room for popularity.
        var budget = new CandidateBudget(Math.Max(limit / (members.Count + 1), 10));
        var pool = new RoomCandidates(limit) { Candidates = new(limit), Songs = new(limit), Subjects = new(limit), Rows = new(limit) };
        var signals = new List<UserSignals>(members.Count);
        try
        {
            foreach (var (_, reading) in members) signals.Add(new UserSignals(served.Similarity, served.Rows.RowsOf(reading.History), MemberSongs));
            pool.AddRange(catalog, served, served.Rows.RowsOf(rules.Placed).Where(available).Select(row => new Candidate(row, CandidateSource.Popular, -1)), ReasonSubject.Room);
            // What the room sang tonight, newest first: songs like it, for the room.
            using (var room = new UserSignals(served.Similarity, served.Rows.RowsOf(Enumerable.Reverse(roomPlayed)), MemberSongs))
                pool.AddRange(catalog, served, CandidateGenerator.Generate(room, [], available, budget with { Count = budget.Similar }), ReasonSubject.Room);
            for (var m = 0; m < members.Count; m++)
                pool.AddRange(catalog, served, CandidateGenerator.Generate(signals[m], [], available, budget), ReasonSubject.Member(members[m].Id));
            pool.AddRange(catalog, served, (only?.Popular ?? popularity.Candidates(languages, new CandidateBudget(limit))).Where(available)
                .Select(row => new Candidate(row, CandidateSource.Popular, -1)), ReasonSubject.Room);

            pool.Pairs = new PairSignals[pool.Rows.Count * members.Count];
            for (var i = 0; i < pool.Rows.Count; i++)
            {
                var row = pool.Rows[i];
                for (var m = 0; m < members.Count; m++)
                {
                    var language = KtvFeatures.PreferredLanguageToken(members[m].Reading.Profile, served.Rows.Languages[row]);
                    pool.Pairs[i * members.Count + m] = PairSignals.Of(signals[m], row, popularity.PositionOf(row), served.Similarity.PopularPositions[row], language);
                }
            }
            return pool;
        }
        finally
        {
            foreach (var member in signals) member.Dispose();
        }
    }

    private void AddRange(RankedCatalog catalog, ServedModel served, IEnumerable<Candidate> candidates, ReasonSubject from)
    {
        foreach (var candidate in candidates)
        {
            if (Candidates.Count >= _limit) return;
            // A song added after the popularity ranking was computed waits for the next one.
            if (catalog.SongAt(served, candidate.Row) is not { } song || !_chosen.Add(candidate.Row)) continue;
            Candidates.Add(candidate);
            Songs.Add(song);
            Subjects.Add(from);
            Rows.Add(candidate.Row);
        }
    }
}
