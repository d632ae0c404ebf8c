using System.Buffers;

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
public static class CandidateGenerator
{
    /// <summary>The most recent distinct songs of a user's history that count.</summary>
    public const int MaxHistory = 50;

    /// <param name="history">The user's enjoyed songs, newest first (repeats allowed).</param>
    /// <param name="popular">Popular songs, best first, already mixed for the languages that matter.</param>
    /// <param name="available">False for songs that must not be recommended now (sung a moment ago, sung in the room).</param>
    /// <param name="modelPicks">The model's own top songs for this user over the whole catalog, best first, if any.</param>
    public static List<Candidate> Generate(
        SongNeighbours neighbours, IReadOnlyList<string> history, IEnumerable<int> popular, Func<int, bool> available, int limit,
        IEnumerable<int>? modelPicks = null)
    {
        var recent = Recent(neighbours, history);
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

    /// <summary>
    /// The <paramref name="count"/> songs most similar to the user's songs (not among them, and <paramref name="available"/>
    /// if given), by summed similarity, strongest first (ties: the lower song index), each with the song that added most.
    /// </summary>
    public static List<Candidate> Similar(SongNeighbours neighbours, IReadOnlyList<string> recent, int count, Func<int, bool>? available = null) =>
        Similar(neighbours, Recent(neighbours, recent), count, available);

    /// <summary>What a similar-songs pass knows of one song it reached: one entry, so a neighbour costs one cache line.</summary>
    private struct Reached
    {
        public float Sum;
        // Above 0 once a neighbour list holds the song (similarities taken are positive): 0 marks a song not reached yet.
        public float Best;
        public int Because;
    }

    /// <summary>Arrays handed back with every entry 0: a call clears only the entries it wrote, not the whole catalog's.</summary>
    private static readonly ArrayPool<Reached> Zeroed = ArrayPool<Reached>.Create();

    /// <remarks>
    /// Runs on every request (a room's, once per member) over up to 50 songs × 200 neighbours: sums go into a pooled
    /// array indexed by song rather than a dictionary, and the strongest are kept in a heap of <paramref name="count"/>
    /// rather than sorting them all.
    /// </remarks>
    private static List<Candidate> Similar(SongNeighbours neighbours, List<int> recent, int count, Func<int, bool>? available)
    {
        var songs = neighbours.Songs.Count;
        var reached = Zeroed.Rent(songs);
        var touched = ArrayPool<int>.Shared.Rent(songs);
        var touchedCount = 0;
        try
        {
            foreach (var song in recent)
            {
                foreach (var (neighbour, similarity) in neighbours.Lists[song])
                {
                    if (similarity <= 0) continue;
                    ref var entry = ref reached[neighbour];
                    if (entry.Best == 0)
                    {
                        touched[touchedCount++] = neighbour;
                        entry = new Reached { Sum = similarity, Best = similarity, Because = song };
                    }
                    else
                    {
                        entry.Sum += similarity;
                        if (similarity > entry.Best) (entry.Best, entry.Because) = (similarity, song);
                    }
                }
            }
            return Strongest(neighbours, touched.AsSpan(0, touchedCount), recent, reached, count, available);
        }
        finally
        {
            foreach (var song in touched.AsSpan(0, touchedCount)) reached[song] = default;
            Zeroed.Return(reached);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <remarks>
    /// A few thousand songs reached, a few hundred kept: each song becomes one number that sorts the strongest first
    /// (<see cref="Order"/>), the best are moved to the front by selection and only they are sorted (a heap of the
    /// count with its final sort was half of a user's similar songs at 50,000 songs).
    /// </remarks>
    private static List<Candidate> Strongest(
        SongNeighbours neighbours, ReadOnlySpan<int> touched, List<int> own, Reached[] reached, int count, Func<int, bool>? available)
    {
        // The user's own songs are not their own neighbours.
        foreach (var song in own)
        {
            if (reached[song].Best != 0) reached[song].Sum = float.NegativeInfinity;
        }
        var order = ArrayPool<long>.Shared.Rent(touched.Length);
        try
        {
            var reachable = 0;
            foreach (var song in touched)
            {
                if (reached[song].Sum > 0) order[reachable++] = Order(reached[song].Sum, song);
            }
            // The best of those not looked at yet, as many as are still wanted, until enough are available or none are left.
            var kept = 0;
            for (var next = 0; kept < count && next < reachable;)
            {
                var take = Math.Min(count - kept, reachable - next);
                SelectSmallest(order.AsSpan(next, reachable - next), take);
                for (var i = next; i < next + take; i++)
                {
                    if (available?.Invoke(SongOf(order[i])) != false) order[kept++] = order[i];
                }
                next += take;
            }
            Array.Sort(order, 0, kept);
            var candidates = new List<Candidate>(kept);
            foreach (var key in order.AsSpan(0, kept))
            {
                var song = SongOf(key);
                candidates.Add(new Candidate(song, neighbours.Songs[song], CandidateSource.SimilarSongs, neighbours.Songs[reached[song].Because], reached[song].Sum));
            }
            return candidates;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(order);
        }
    }

    /// <summary>
    /// A reached song as one number, smaller for the stronger: its sum's bits (a positive float's bits order as the
    /// float does) inverted in the high half, the song in the low half, so at the same sum the lower song comes first.
    /// </summary>
    private static long Order(float sum, int song) => ((long)(int.MaxValue - BitConverter.SingleToInt32Bits(sum)) << 32) | (uint)song;

    private static int SongOf(long order) => (int)(order & uint.MaxValue);

    /// <summary>Moves the <paramref name="count"/> smallest of distinct <paramref name="items"/> to its front, in no order (quickselect).</summary>
    private static void SelectSmallest(Span<long> items, int count)
    {
        var (low, high) = (0, items.Length - 1);
        while (low < high)
        {
            var pivot = MedianOfThree(items[low], items[low + (high - low) / 2], items[high]);
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (items[i] < pivot) i++;
                while (items[j] > pivot) j--;
                if (i > j) break;
                (items[i], items[j]) = (items[j], items[i]);
                (i, j) = (i + 1, j - 1);
            }
            // Now items[low..j] <= pivot <= items[i..high]: go on in the part that holds the boundary.
            if (count - 1 <= j) high = j;
            else if (count - 1 >= i) low = i;
            else return;
        }
    }

    private static long MedianOfThree(long a, long b, long c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    /// <summary>The first <see cref="MaxHistory"/> distinct songs of <paramref name="history"/> the neighbours know, as their indexes.</summary>
    private static List<int> Recent(SongNeighbours neighbours, IReadOnlyList<string> history)
    {
        var recent = new List<int>(Math.Min(history.Count, MaxHistory));
        foreach (var songId in history)
        {
            if (recent.Count == MaxHistory) break;
            var song = neighbours.IndexOf(songId);
            if (song >= 0 && !recent.Contains(song)) recent.Add(song);
        }
        return recent;
    }

    private static IEnumerable<int> IndexesOf(SongNeighbours neighbours, IEnumerable<string> songIds) =>
        songIds.Select(neighbours.IndexOf).Where(song => song >= 0);
}
