using System.Buffers;

namespace KtvRec.Training.Retrieval;

/// <summary>Similar songs: the songs most similar to a user's, by summed similarity over the neighbour lists.</summary>
public static partial class CandidateGenerator
{
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
    /// array indexed by song rather than a dictionary, and the strongest are picked by selection (<see cref="Strongest"/>)
    /// rather than by sorting them all.
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
    /// (<see cref="KeyOrder.Sortable"/>: the higher sum first, then the lower song), the best are moved to the front by
    /// selection and only they are sorted (a heap of the count with its final sort was half of a user's similar songs at
    /// 50,000 songs).
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
                if (reached[song].Sum > 0) order[reachable++] = KeyOrder.Sortable(reached[song].Sum, song);
            }
            // The best of those not looked at yet, as many as are still wanted, until enough are available or none are left.
            var kept = 0;
            for (var next = 0; kept < count && next < reachable;)
            {
                var take = Math.Min(count - kept, reachable - next);
                SelectSmallest(order.AsSpan(next, reachable - next), take);
                for (var i = next; i < next + take; i++)
                {
                    if (available?.Invoke(KeyOrder.IndexOf(order[i])) != false) order[kept++] = order[i];
                }
                next += take;
            }
            Array.Sort(order, 0, kept);
            var candidates = new List<Candidate>(kept);
            foreach (var key in order.AsSpan(0, kept))
            {
                var song = KeyOrder.IndexOf(key);
                candidates.Add(new Candidate(song, neighbours.Songs[song], CandidateSource.SimilarSongs, neighbours.Songs[reached[song].Because], reached[song].Sum));
            }
            return candidates;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(order);
        }
    }

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
}
