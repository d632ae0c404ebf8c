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

    /// <summary>The model's own choice over the whole catalog for this user (<see cref="ModelRetrieval"/>).</summary>
    Model,
}

/// <param name="BecauseOf">For <see cref="CandidateSource.SimilarSongs"/>: the user's song it is most similar to.</param>
/// <param name="Strength">For similar songs the summed similarity to the user's songs; 0 otherwise.</param>
public sealed record Candidate(string SongId, CandidateSource Source, string? BecauseOf, float Strength);

/// <summary>
/// The first stage over the whole catalog: the user's own songs, the songs most similar to them, the model's own
/// choice, then popular songs, merged without repeats up to a budget. Each candidate remembers its source; the model ranks the union.
/// </summary>
public static class CandidateGenerator
{
    /// <summary>The most recent distinct songs of a user's history that count.</summary>
    public const int MaxHistory = 50;

    /// <param name="history">The user's enjoyed songs, newest first (repeats allowed).</param>
    /// <param name="popular">Popular song ids, best first, already mixed for the languages that matter.</param>
    /// <param name="available">False for songs that must not be recommended now (sung a moment ago, sung in the room).</param>
    /// <param name="modelPicks">The model's own top songs for this user over the whole catalog, best first, if any.</param>
    public static List<Candidate> Generate(
        SongNeighbours neighbours, IReadOnlyList<string> history, IEnumerable<string> popular, Func<string, bool> available, int limit,
        IEnumerable<string>? modelPicks = null)
    {
        var recent = history.Distinct(StringComparer.Ordinal).Take(MaxHistory).ToList();
        var candidates = new List<Candidate>(limit);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        bool Add(Candidate candidate)
        {
            if (candidates.Count >= limit) return false;
            if (available(candidate.SongId) && chosen.Add(candidate.SongId)) candidates.Add(candidate);
            return true;
        }

        foreach (var song in recent.Take(limit / 5)) Add(new Candidate(song, CandidateSource.History, null, 0));
        var similarBudget = candidates.Count + limit / 2;
        foreach (var similar in Similar(neighbours, recent))
        {
            if (candidates.Count >= similarBudget) break;
            Add(similar);
        }
        var modelBudget = candidates.Count + limit / 5;
        foreach (var song in modelPicks ?? [])
        {
            if (candidates.Count >= modelBudget) break;
            Add(new Candidate(song, CandidateSource.Model, null, 0));
        }
        foreach (var song in popular)
        {
            if (!Add(new Candidate(song, CandidateSource.Popular, null, 0))) break;
        }
        return candidates;
    }

    /// <summary>Songs by summed similarity to the user's songs, strongest first, each with the song that added most.</summary>
    public static IEnumerable<Candidate> Similar(SongNeighbours neighbours, IReadOnlyList<string> recent)
    {
        var sums = new Dictionary<int, (float Sum, float Best, int Because)>();
        foreach (var songId in recent)
        {
            var song = neighbours.IndexOf(songId);
            if (song < 0) continue;
            foreach (var n in neighbours.Lists[song])
            {
                var (sum, best, because) = sums.GetValueOrDefault(n.Song);
                sums[n.Song] = n.Similarity > best ? (sum + n.Similarity, n.Similarity, song) : (sum + n.Similarity, best, because);
            }
        }
        var own = recent.ToHashSet(StringComparer.Ordinal);
        var ranked = new List<(int Song, float Sum, int Because)>(sums.Count);
        foreach (var (song, (sum, _, because)) in sums)
        {
            if (!own.Contains(neighbours.Songs[song])) ranked.Add((song, sum, because));
        }
        // A sort of value tuples, not LINQ's keyed one: this runs on every request.
        ranked.Sort((a, b) => a.Sum != b.Sum ? b.Sum.CompareTo(a.Sum) : a.Song.CompareTo(b.Song));
        return ranked.Select(s => new Candidate(neighbours.Songs[s.Song], CandidateSource.SimilarSongs, neighbours.Songs[s.Because], s.Sum));
    }
}
