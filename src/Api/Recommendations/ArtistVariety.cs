namespace KtvRec.Api.Recommendations;

/// <summary>
/// A list that reads as chosen for a singer rather than as one artist's album: after ranking, no artist appears more
/// than <see cref="RecommendationOptions.MaxPerArtist"/> times in any <see cref="RecommendationOptions.ArtistWindow"/>
/// consecutive songs. A song held back keeps its place in line and comes in as soon as it may, so the order is
/// otherwise the ranking's; when only held-back songs are left (a catalog of few artists), they come in order.
/// </summary>
public static class ArtistVariety
{
    /// <param name="ranked">Best first; read only as far as needed.</param>
    public static List<T> Take<T>(IEnumerable<T> ranked, Func<T, string> artistOf, int count, int maxPerArtist, int window)
    {
        var list = new List<T>(count);
        var heldBack = new List<T>();
        using var next = ranked.GetEnumerator();
        var exhausted = false;
        while (list.Count < count)
        {
            var waiting = heldBack.FindIndex(item => Fits(list, artistOf(item), artistOf, maxPerArtist, window));
            if (waiting >= 0)
            {
                list.Add(heldBack[waiting]);
                heldBack.RemoveAt(waiting);
                continue;
            }
            if (!exhausted && next.MoveNext())
            {
                if (Fits(list, artistOf(next.Current), artistOf, maxPerArtist, window)) list.Add(next.Current);
                else heldBack.Add(next.Current);
                continue;
            }
            exhausted = true;
            if (heldBack.Count == 0) break;
            list.Add(heldBack[0]);
            heldBack.RemoveAt(0);
        }
        return list;
    }

    /// <summary>Whether a song by <paramref name="artist"/> may come next: the artist has fewer than the cap among the last window - 1 songs.</summary>
    private static bool Fits<T>(List<T> list, string artist, Func<T, string> artistOf, int maxPerArtist, int window)
    {
        var same = 0;
        for (var i = Math.Max(0, list.Count - (window - 1)); i < list.Count; i++)
        {
            if (string.Equals(artistOf(list[i]), artist, StringComparison.OrdinalIgnoreCase) && ++same >= maxPerArtist) return false;
        }
        return true;
    }
}
