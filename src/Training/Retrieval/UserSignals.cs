namespace KtvRec.Training.Retrieval;

/// <summary>
/// What the model's item-to-item weights say about the catalog for one user (or room member), from their songs: where
/// EASE's weights and the walk lead from their recent songs, where EASE leads from their very latest, and where each of
/// their own songs stands in their history. The candidate sources and the ranker's signals both read it, so a
/// song's rank as a feature is the rank that made it a candidate. Dispose it when the request is done.
/// </summary>
public sealed class UserSignals : IDisposable
{
    /// <summary>The most recent distinct songs that lead to similar songs; longer histories add cost, not signal.</summary>
    public const int RecentSongs = 50;

    /// <summary>The latest songs whose EASE neighbours are a signal of their own: what the user is singing now.</summary>
    public const int LatestSongs = 5;

    private readonly Dictionary<int, (int Position, int Times)> _history;
    private readonly SongNeighbours _ease;
    private readonly int[] _latestSongs;
    private SimilarityPass? _latest;

    /// <param name="similarity">The model's weights, indexed by the catalog's rows.</param>
    /// <param name="history">The songs the user enjoyed as rows, newest first, once per time.</param>
    /// <param name="recentSongs">How many of the most recent distinct songs lead to similar songs.</param>
    public UserSignals(SongSimilarity similarity, IReadOnlyList<int> history, int recentSongs = RecentSongs)
    {
        _history = new Dictionary<int, (int, int)>(history.Count);
        var distinct = new List<int>(history.Count);
        foreach (var song in history)
        {
            if (_history.TryGetValue(song, out var seen))
            {
                _history[song] = (seen.Position, seen.Times + 1);
            }
            else
            {
                _history[song] = (distinct.Count, 1);
                distinct.Add(song);
            }
        }
        History = distinct;
        var recent = distinct.Take(recentSongs).ToArray();
        Similar = new SimilarityPass(similarity.Ease, recent);
        Together = new SimilarityPass(similarity.Walk, recent);
        _ease = similarity.Ease;
        _latestSongs = recent[..Math.Min(LatestSongs, recent.Length)];
    }

    /// <summary>The user's enjoyed songs as rows, newest first, each once.</summary>
    public IReadOnlyList<int> History { get; }

    /// <summary>EASE's weights from the user's recent songs.</summary>
    public SimilarityPass Similar { get; }

    /// <summary>The walk from the user's recent songs (<see cref="SongWalk"/>).</summary>
    public SimilarityPass Together { get; }

    /// <summary>EASE's weights from the user's <see cref="LatestSongs"/> latest songs alone; made when first read (a room's own songs never need it).</summary>
    public SimilarityPass Latest => _latest ??= new SimilarityPass(_ease, _latestSongs);

    /// <summary>The song's place among the user's distinct songs (0 the latest); -1 if they have not enjoyed it.</summary>
    public int HistoryPositionOf(int song) => _history.TryGetValue(song, out var entry) ? entry.Position : -1;

    /// <summary>How many times (of those read) the user enjoyed the song: a regular's favourites are sung again and again.</summary>
    public int TimesEnjoyed(int song) => _history.TryGetValue(song, out var entry) ? entry.Times : 0;

    public void Dispose()
    {
        Similar.Dispose();
        Together.Dispose();
        _latest?.Dispose();
    }
}
