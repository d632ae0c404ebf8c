namespace KtvRec.Training.Retrieval;

/// <summary>Where a candidate came from: what the list can say about why a song is there.</summary>
public enum CandidateSource
{
    /// <summary>The user sang it before (KTV regulars re-sing their favourites).</summary>
    History,

    /// <summary>EASE's weights from the user's songs lead to it (<see cref="Candidate.BecauseOf"/> gave the most).</summary>
    SimilarSongs,

    /// <summary>The walk from the user's songs through their listeners leads to it (<see cref="Candidate.BecauseOf"/> gave the most).</summary>
    SungTogether,

    /// <summary>Popular at the venue, overall or in the languages that matter here.</summary>
    Popular,
}

/// <param name="Row">The song's row in the catalog the candidates were generated over.</param>
/// <param name="BecauseOf">For <see cref="CandidateSource.SimilarSongs"/> and <see cref="CandidateSource.SungTogether"/>: the row of the user's song that led to it most; otherwise -1.</param>
public readonly record struct Candidate(int Row, CandidateSource Source, int BecauseOf);

/// <summary>
/// How many candidates each source may give, out of <see cref="Count"/>: the user's own songs, EASE's similar songs,
/// the walk's songs, then popular songs (some overall first, then in the languages that matter) until the count is full.
/// </summary>
public sealed record CandidateBudget(int Count)
{
    public int History => Count / 5;
    public int Similar => Count / 2;
    public int Together => Count / 5;

    /// <summary>The most popular songs overall that come before those in the request's languages.</summary>
    public int PopularOverall => Count / 4;
}

/// <summary>
/// The first stage over the whole catalog: the user's own songs, the songs EASE's weights and the walk lead to, then
/// popular songs, merged without repeats up to a budget. Each candidate remembers its source; the ranker ranks the
/// union. Songs are catalog rows throughout, so a request compares and looks up numbers rather than song ids.
/// </summary>
public static class CandidateGenerator
{
    /// <param name="popular">Popular songs as rows, best first, already mixed for the languages that matter.</param>
    /// <param name="available">False for songs that must not be recommended now (sung a moment ago, sung in the room, played before on a discovery list).</param>
    public static List<Candidate> Generate(UserSignals signals, IEnumerable<int> popular, Func<int, bool> available, CandidateBudget budget)
    {
        var chosen = new HashSet<int>(budget.Count);
        var candidates = new List<Candidate>(budget.Count);
        void Take(IEnumerable<int> rows, CandidateSource source, int limit, SimilarityPass? pass)
        {
            var taken = 0;
            foreach (var row in rows)
            {
                if (taken >= limit || candidates.Count >= budget.Count) return;
                if (!available(row) || !chosen.Add(row)) continue;
                candidates.Add(new Candidate(row, source, pass?.BecauseOf(row) ?? -1));
                taken++;
            }
        }

        Take(signals.History, CandidateSource.History, budget.History, null);
        Take(signals.Similar.Ranked, CandidateSource.SimilarSongs, budget.Similar, signals.Similar);
        Take(signals.Together.Ranked, CandidateSource.SungTogether, budget.Together, signals.Together);
        Take(popular, CandidateSource.Popular, budget.Count, null);
        return candidates;
    }
}
