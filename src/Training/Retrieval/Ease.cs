namespace KtvRec.Training.Retrieval;

/// <summary>
/// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): a closed-form item-to-item linear model,
/// B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹. Unlike cosine it learns how much each co-sung song adds given
/// the others, negative weights included. Its cost grows with the cube of the songs that take part, so only the most
/// enjoyed <c>maxSongs</c> do; the Gram matrix is counted from the pairs, never from a dense user × song matrix
/// (<see cref="EaseGram"/>). This is the whole model, every weight kept, for the EASE reference; the pipeline keeps
/// only each song's strongest (<see cref="EaseGram.Neighbours"/>).
/// </summary>
public sealed class Ease
{
    public const double DefaultLambda = 200;

    /// <summary>
    /// Weights kept per song, the largest in size, negative ones too: summed over a user's songs they rank as the full
    /// model does (the negative weights are most of what separates EASE from cosine), at a fraction of its memory.
    /// </summary>
    public const int DefaultNeighbours = 200;

    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<string> _songs;
    private readonly float[] _weights;

    /// <param name="weights">Row by row, songs² of them (<see cref="EaseGram.Weights"/>).</param>
    public Ease(IReadOnlyList<string> songs, float[] weights)
    {
        _songs = songs;
        _weights = weights;
        _index = new Dictionary<string, int>(songs.Count, StringComparer.Ordinal);
        for (var i = 0; i < songs.Count; i++) _index[songs[i]] = i;
    }

    public IReadOnlyList<string> Songs => _songs;

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    public static Ease Fit(IEnumerable<(string User, string Song)> positives, double lambda = DefaultLambda, int maxSongs = 10_000)
    {
        using var gram = EaseGram.Count(positives, maxSongs);
        return new Ease(gram.Songs, gram.Weights(lambda));
    }

    /// <summary>Songs by their summed weight from the user's songs, best first: the whole model, for the EASE reference.</summary>
    public IEnumerable<string> Rank(IReadOnlyList<string> history)
    {
        var n = _songs.Count;
        var scores = new float[n];
        foreach (var song in history.Distinct(StringComparer.Ordinal))
        {
            if (!_index.TryGetValue(song, out var row)) continue;
            var weights = _weights.AsSpan((int)((long)row * n), n);
            for (var j = 0; j < n; j++) scores[j] += weights[j];
        }
        return Enumerable.Range(0, n).OrderByDescending(j => scores[j]).ThenBy(j => j).Select(j => _songs[j]);
    }

    /// <summary>For every song, the <paramref name="count"/> weights from it largest in size (negative ones too), strongest first.</summary>
    public SongNeighbours Neighbours(int count = DefaultNeighbours)
    {
        var n = _songs.Count;
        var lists = new Neighbour[n][];
        for (var i = 0; i < n; i++) lists[i] = SongNeighbours.Strongest(_weights.AsSpan((int)((long)i * n), n), i, count, MathF.Abs);
        return new SongNeighbours(_songs, lists);
    }
}
