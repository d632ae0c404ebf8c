namespace KtvRec.Training.Retrieval;

/// <summary>One song's neighbour: another song and how much it weighs from this one (a cosine, a walk probability, or an EASE weight, which may be negative).</summary>
public readonly record struct Neighbour(int Song, float Weight);

/// <summary>
/// Item-to-item weights over a catalog: for every song, its strongest neighbours. Built at each retrain from the
/// training window (EASE, the random walk of <see cref="SongWalk"/>, or the shrunk cosine of <see cref="Cosine"/>) and
/// stored with the model version.
/// </summary>
public sealed class SongNeighbours
{
    /// <summary>A user's most recent distinct songs counted when fitting any item-to-item weights; longer histories add cost, not signal.</summary>
    public const int MaxSongsPerUser = 300;

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

    /// <summary>The song's row in <see cref="Songs"/> (as the catalog's rows are numbered); -1 for a song not here.</summary>
    public int RowOf(string songId) => _index.GetValueOrDefault(songId, -1);

    /// <summary>The neighbours of <paramref name="songId"/>, strongest first; none for a song not seen in training.</summary>
    public IEnumerable<(string SongId, float Weight)> Of(string songId)
    {
        var index = RowOf(songId);
        if (index < 0) yield break;
        foreach (var n in Lists[index]) yield return (Songs[n.Song], n.Weight);
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
            var own = RowOf(songs[i]);
            lists[i] = own < 0 ? [] : Lists[own].Where(n => rowOf[n.Song] >= 0).Select(n => n with { Song = rowOf[n.Song] }).ToArray();
        }
        return new SongNeighbours(songs, lists);
    }

    /// <summary>Each user's most recent <see cref="MaxSongsPerUser"/> distinct songs, as indexes into the returned song list.</summary>
    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    internal static (List<string> Songs, List<int[]> Users) Histories(IEnumerable<(string UserId, string SongId)> positives)
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
        var users = histories.Values.Select(h => Enumerable.Reverse(h).Distinct().Take(MaxSongsPerUser).ToArray()).ToList();
        return (songs, users);
    }

    /// <summary>The audience of every song: the users (indexes into <paramref name="users"/>) who have it.</summary>
    internal static List<int>[] Audiences(int songs, List<int[]> users)
    {
        var audiences = new List<int>[songs];
        for (var i = 0; i < songs; i++) audiences[i] = [];
        for (var user = 0; user < users.Count; user++)
        {
            foreach (var song in users[user]) audiences[song].Add(user);
        }
        return audiences;
    }

    /// <summary>The <paramref name="count"/> largest of <paramref name="weights"/> (a dense row, skipping <paramref name="self"/> and zeros) by <paramref name="key"/>, strongest first.</summary>
    internal static Neighbour[] Strongest(ReadOnlySpan<float> weights, int self, int count, Func<float, float> key)
    {
        var top = new PriorityQueue<Neighbour, float>(count + 1);
        for (var j = 0; j < weights.Length; j++)
        {
            if (j != self && weights[j] != 0) Keep(top, new Neighbour(j, weights[j]), key(weights[j]), count);
        }
        return StrongestFirst(top);
    }

    /// <summary>Adds <paramref name="neighbour"/> to <paramref name="top"/> if it is among the <paramref name="count"/> strongest so far.</summary>
    internal static void Keep(PriorityQueue<Neighbour, float> top, Neighbour neighbour, float strength, int count)
    {
        if (top.Count == count && top.TryPeek(out _, out var weakest) && strength <= weakest) return;
        top.Enqueue(neighbour, strength);
        if (top.Count > count) top.Dequeue();
    }

    /// <summary>Empties <paramref name="top"/> into a list, strongest first.</summary>
    internal static Neighbour[] StrongestFirst(PriorityQueue<Neighbour, float> top)
    {
        var list = new Neighbour[top.Count];
        for (var k = list.Length - 1; k >= 0; k--) list[k] = top.Dequeue();
        return list;
    }
}
