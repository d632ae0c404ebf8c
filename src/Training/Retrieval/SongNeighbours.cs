namespace KtvRec.Training.Retrieval;

/// <summary>One song's neighbour: a song the same people enjoyed, and how strongly (shrunk cosine of their audiences).</summary>
public readonly record struct Neighbour(int Song, float Similarity);

/// <summary>
/// Item-to-item similarity over the whole catalog: for every song, the songs most often enjoyed by the same people,
/// by cosine of their audiences shrunk towards zero for songs with few listeners (sim = co / (√(nᵢ·nⱼ) + shrinkage)).
/// Built at each retrain from the training window and stored with the model version.
/// </summary>
public sealed class SongNeighbours
{
    public const double DefaultShrinkage = 10;
    public const int DefaultNeighbours = 50;

    /// <summary>A user's most recent songs counted when building; longer histories add cost, not signal.</summary>
    private const int MaxHistoryPerUser = 300;

    private readonly Dictionary<string, int> _index;

    public SongNeighbours(IReadOnlyList<string> songs, IReadOnlyList<Neighbour[]> neighbours)
    {
        if (songs.Count != neighbours.Count) throw new ArgumentException("One neighbour list per song is needed.", nameof(neighbours));
        Songs = songs;
        Lists = neighbours;
        _index = new Dictionary<string, int>(songs.Count, StringComparer.Ordinal);
        for (var i = 0; i < songs.Count; i++) _index[songs[i]] = i;
    }

    public static SongNeighbours Empty { get; } = new([], []);

    public IReadOnlyList<string> Songs { get; }
    public IReadOnlyList<Neighbour[]> Lists { get; }

    public int IndexOf(string songId) => _index.GetValueOrDefault(songId, -1);

    /// <summary>The neighbours of <paramref name="songId"/>, strongest first; none for a song not seen in training.</summary>
    public IEnumerable<(string SongId, float Similarity)> Of(string songId)
    {
        var index = IndexOf(songId);
        if (index < 0) yield break;
        foreach (var n in Lists[index]) yield return (Songs[n.Song], n.Similarity);
    }

    /// <summary>
    /// These neighbours where they have a list for the song, <paramref name="fallback"/>'s for every other song: e.g.
    /// learned weights for the most sung songs and cosine for the long tail.
    /// </summary>
    public SongNeighbours Over(SongNeighbours fallback)
    {
        var songs = fallback.Songs.Concat(Songs.Where(s => fallback.IndexOf(s) < 0)).ToArray();
        var index = new Dictionary<string, int>(songs.Length, StringComparer.Ordinal);
        for (var i = 0; i < songs.Length; i++) index[songs[i]] = i;
        Neighbour[] Remap(SongNeighbours from, int song) =>
            Array.ConvertAll(from.Lists[song], n => new Neighbour(index[from.Songs[n.Song]], n.Similarity));
        var lists = Array.ConvertAll(songs, id => IndexOf(id) is var own and >= 0 ? Remap(this, own) : Remap(fallback, fallback.IndexOf(id)));
        return new SongNeighbours(songs, lists);
    }

    /// <summary>
    /// These neighbours indexed by <paramref name="songs"/> (e.g. a scorer's catalog rows): song <c>i</c> is
    /// <c>songs[i]</c>, with its neighbours among them, so a candidate's index is its row there. Songs these
    /// neighbours do not know get an empty list; neighbours outside <paramref name="songs"/> are left out.
    /// </summary>
    public SongNeighbours InOrderOf(IReadOnlyList<string> songs)
    {
        var at = new Dictionary<string, int>(songs.Count, StringComparer.Ordinal);
        for (var i = 0; i < songs.Count; i++) at.TryAdd(songs[i], i);
        var rowOf = Songs.Select(id => at.GetValueOrDefault(id, -1)).ToArray();
        var lists = new Neighbour[songs.Count][];
        for (var i = 0; i < songs.Count; i++)
        {
            var own = IndexOf(songs[i]);
            lists[i] = own < 0 ? [] : Lists[own].Where(n => rowOf[n.Song] >= 0).Select(n => n with { Song = rowOf[n.Song] }).ToArray();
        }
        return new SongNeighbours(songs, lists);
    }

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    public static SongNeighbours Build(
        IEnumerable<(string UserId, string SongId)> positives, int neighbours = DefaultNeighbours, double shrinkage = DefaultShrinkage)
    {
        var songIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var songs = new List<string>();
        var histories = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (userId, songId) in positives)
        {
            if (!songIndex.TryGetValue(songId, out var song))
            {
                song = songs.Count;
                songIndex[songId] = song;
                songs.Add(songId);
            }
            if (!histories.TryGetValue(userId, out var history)) histories[userId] = history = [];
            history.Add(song);
        }

        var audiences = new List<int>[songs.Count];
        for (var i = 0; i < songs.Count; i++) audiences[i] = [];
        var users = new List<int[]>(histories.Count);
        foreach (var history in histories.Values)
        {
            var distinct = Enumerable.Reverse(history).Distinct().Take(MaxHistoryPerUser).ToArray();
            foreach (var song in distinct) audiences[song].Add(users.Count);
            users.Add(distinct);
        }

        var lists = new Neighbour[songs.Count][];
        var together = new int[songs.Count];
        var touched = new List<int>();
        for (var i = 0; i < songs.Count; i++)
        {
            foreach (var user in audiences[i])
            {
                foreach (var j in users[user])
                {
                    if (j == i) continue;
                    if (together[j]++ == 0) touched.Add(j);
                }
            }
            var top = new PriorityQueue<Neighbour, float>(neighbours + 1);
            foreach (var j in touched)
            {
                var similarity = (float)(together[j] / (Math.Sqrt((double)audiences[i].Count * audiences[j].Count) + shrinkage));
                together[j] = 0;
                top.Enqueue(new Neighbour(j, similarity), similarity);
                if (top.Count > neighbours) top.Dequeue();
            }
            touched.Clear();
            var list = new Neighbour[top.Count];
            for (var k = list.Length - 1; k >= 0; k--) list[k] = top.Dequeue();
            lists[i] = list;
        }
        return new SongNeighbours(songs, lists);
    }
}
