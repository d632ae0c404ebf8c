namespace KtvRec.Training.Pipeline;

/// <summary>
/// A list that reads as chosen for a singer rather than as one artist's album: after ranking, no artist appears more
/// than <see cref="PipelineOptions.MaxPerArtist"/> times in any <see cref="PipelineOptions.ArtistWindow"/>
/// consecutive songs. A song held back keeps its place in line and comes in as soon as it may, so the order is
/// otherwise the ranking's; when only held-back songs are left (a catalog of few artists), they come in order.
/// </summary>
/// <remarks>
/// Runs on every request over a few hundred candidates, often most of them by a few artists (similar songs are
/// mostly the same artist's): the artists' counts in the window are kept as the list grows, and held-back songs wait
/// in one queue per artist, so each step looks at the held-back artists rather than at every held-back song.
/// </remarks>
public static class ArtistVariety
{
    /// <param name="ranked">Best first; read only as far as needed.</param>
    /// <param name="artistOf">The song's artist as a key that is equal for the same artist (<see cref="CatalogRows.ArtistKeys"/>).</param>
    public static List<T> Take<T, TArtist>(IEnumerable<T> ranked, Func<T, TArtist> artistOf, int count, int maxPerArtist, int window)
        where TArtist : notnull
    {
        var list = new List<T>(count);
        // How many of the last window - 1 songs of the list are each artist's: what the next song is checked against.
        var inWindow = new Dictionary<TArtist, int>(window);
        var heldBack = new Dictionary<TArtist, Queue<(int Rank, T Song)>>();
        // One delegate for the whole list (a local function passed as one is a new delegate at every call).
        Func<TArtist, bool> fits = artist => inWindow.GetValueOrDefault(artist) < maxPerArtist;
        void Add(T song, TArtist artist)
        {
            list.Add(song);
            inWindow[artist] = inWindow.GetValueOrDefault(artist) + 1;
            if (list.Count - window >= 0) inWindow[artistOf(list[list.Count - window])]--;
        }

        using var next = ranked.GetEnumerator();
        var rank = 0;
        var exhausted = false;
        while (list.Count < count)
        {
            if (Earliest(heldBack, fits, out var waiting))
            {
                Add(heldBack[waiting].Dequeue().Song, waiting);
                if (heldBack[waiting].Count == 0) heldBack.Remove(waiting);
                continue;
            }
            if (!exhausted && next.MoveNext())
            {
                var artist = artistOf(next.Current);
                if (fits(artist)) Add(next.Current, artist);
                else if (heldBack.TryGetValue(artist, out var queue)) queue.Enqueue((rank, next.Current));
                else heldBack[artist] = new Queue<(int, T)>([(rank, next.Current)]);
                rank++;
                continue;
            }
            exhausted = true;
            if (!Earliest(heldBack, _ => true, out var first)) break;
            Add(heldBack[first].Dequeue().Song, first);
            if (heldBack[first].Count == 0) heldBack.Remove(first);
        }
        return list;
    }

    /// <summary>The artist whose first held-back song ranks highest among those <paramref name="may"/> allows; null if none.</summary>
    private static bool Earliest<T, TArtist>(Dictionary<TArtist, Queue<(int Rank, T Song)>> heldBack, Func<TArtist, bool> may, out TArtist earliest)
        where TArtist : notnull
    {
        (earliest, var best) = (default!, int.MaxValue);
        foreach (var (artist, queue) in heldBack)
        {
            if (queue.Peek().Rank < best && may(artist)) (earliest, best) = (artist, queue.Peek().Rank);
        }
        return best < int.MaxValue;
    }
}
