namespace KtvRec.Training.Retrieval;

/// <summary>Where a candidate came from: what the ranker's list can say about why a song is there.</summary>
public enum CandidateSource
{
    /// <summary>The user sang it before (KTV regulars re-sing their favourites).</summary>
    History,

    /// <summary>Enjoyed by the same people as a song the user sang (<see cref="Candidate.BecauseOf"/>).</summary>
    SimilarSongs,

    /// <summary>Popular at the venue, overall or in the languages that matter here.</summary>
    Popular,

    /// <summary>The model's own choice over the whole catalog for this user (<see cref="Scoring.CatalogScorer.Top"/>).</summary>
    Model,
}

/// <param name="Song">The song's index in the neighbours the candidates were generated with (<see cref="SongNeighbours.Songs"/>).</param>
/// <param name="BecauseOf">For <see cref="CandidateSource.SimilarSongs"/>: the user's song it is most similar to.</param>
/// <param name="Strength">For similar songs the summed similarity to the user's songs; 0 otherwise.</param>
public sealed record Candidate(int Song, string SongId, CandidateSource Source, string? BecauseOf, float Strength);

/// <summary>
/// The first stage over the whole catalog: the user's own songs, the songs most similar to them, the model's own
/// choice, then popular songs, merged without repeats up to a budget. Each candidate remembers its source; the model
/// ranks the union. Songs are the neighbours' indexes throughout (serving indexes its neighbours by the scorer's rows,
/// <see cref="SongNeighbours.InOrderOf"/>), so a request compares and looks up numbers rather than song ids.
/// </summary>
public static partial class CandidateGenerator
{
    /// <summary>The most recent distinct songs of a user's history that count.</summary>
    public const int MaxHistory = 50;

    /// <param name="history">The user's enjoyed songs, newest first (repeats allowed).</param>
    /// <param name="popular">Popular songs, best first, already mixed for the languages that matter.</param>
    /// <param name="available">False for songs that must not be recommended now (sung a moment ago, sung in the room).</param>
    /// <param name="modelPicks">The model's own top songs for this user over the whole catalog, best first, if any.</param>
    /// <param name="maxHistory">How many of the most recent distinct songs of <paramref name="history"/> count.</param>
    public static List<Candidate> Generate(
        SongNeighbours neighbours, IReadOnlyList<string> history, IEnumerable<int> popular, Func<int, bool> available, int limit,
        IEnumerable<int>? modelPicks = null, int maxHistory = MaxHistory)
    {
        var recent = Recent(neighbours, history, maxHistory);
        var chosen = new HashSet<int>(limit);
        var candidates = new List<Candidate>(limit);
        bool Add(int song, CandidateSource source)
        {
            if (candidates.Count >= limit) return false;
            if (available(song) && chosen.Add(song)) candidates.Add(new Candidate(song, neighbours.Songs[song], source, null, 0));
            return true;
        }

        foreach (var song in recent.Take(limit / 5)) Add(song, CandidateSource.History);
        foreach (var similar in Similar(neighbours, recent, limit / 2, available))
        {
            if (candidates.Count < limit && chosen.Add(similar.Song)) candidates.Add(similar);
        }
        var modelBudget = candidates.Count + limit / 5;
        foreach (var song in modelPicks ?? [])
        {
            if (candidates.Count >= modelBudget) break;
            Add(song, CandidateSource.Model);
        }
        foreach (var song in popular)
        {
            if (!Add(song, CandidateSource.Popular)) break;
        }
        return candidates;
    }

    /// <summary>The same by song ids (songs the neighbours do not know are left out): for tests and tools.</summary>
    public static List<Candidate> Generate(
        SongNeighbours neighbours, IReadOnlyList<string> history, IEnumerable<string> popular, Func<string, bool> available, int limit,
        IEnumerable<string>? modelPicks = null) =>
        Generate(neighbours, history, IndexesOf(neighbours, popular), song => available(neighbours.Songs[song]), limit,
            modelPicks is null ? null : IndexesOf(neighbours, modelPicks));

    /// <summary>The first <paramref name="count"/> distinct songs of <paramref name="history"/> the neighbours know, as their indexes.</summary>
    private static List<int> Recent(SongNeighbours neighbours, IReadOnlyList<string> history, int count = MaxHistory)
    {
        var recent = new List<int>(Math.Min(history.Count, count));
        foreach (var songId in history)
        {
            if (recent.Count == count) break;
            var song = neighbours.IndexOf(songId);
            if (song >= 0 && !recent.Contains(song)) recent.Add(song);
        }
        return recent;
    }

    private static IEnumerable<int> IndexesOf(SongNeighbours neighbours, IEnumerable<string> songIds) =>
        songIds.Select(neighbours.IndexOf).Where(song => song >= 0);
}
