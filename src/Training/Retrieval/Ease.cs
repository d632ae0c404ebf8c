using static TorchSharp.torch;

namespace KtvRec.Training.Retrieval;

/// <summary>
/// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): a closed-form item-to-item linear model,
/// B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹. Unlike cosine it learns how much each co-sung song adds given
/// the others, negative weights included. Its cost grows with the cube of the songs that take part, so only the most
/// enjoyed <c>maxSongs</c> do; the Gram matrix is counted from the pairs, never from a dense user × song matrix.
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
    private readonly string[] _songs;
    private readonly float[] _weights;

    private Ease(string[] songs, float[] weights)
    {
        _songs = songs;
        _weights = weights;
        _index = new Dictionary<string, int>(songs.Length, StringComparer.Ordinal);
        for (var i = 0; i < songs.Length; i++) _index[songs[i]] = i;
    }

    public IReadOnlyList<string> Songs => _songs;

    /// <param name="positives">Who enjoyed which song, oldest first.</param>
    public static Ease Fit(IEnumerable<(string User, string Song)> positives, double lambda = DefaultLambda, int maxSongs = 10_000)
    {
        var (all, users) = SongNeighbours.Histories(positives);
        var counts = new int[all.Count];
        foreach (var user in users)
        {
            foreach (var song in user) counts[song]++;
        }
        var kept = Enumerable.Range(0, all.Count)
            .OrderByDescending(song => counts[song]).ThenBy(song => all[song], StringComparer.Ordinal)
            .Take(maxSongs).ToArray();
        var row = new int[all.Count];
        Array.Fill(row, -1);
        for (var i = 0; i < kept.Length; i++) row[kept[i]] = i;

        var n = kept.Length;
        var gram = new float[(long)n * n];
        var rows = new List<int>(SongNeighbours.MaxSongsPerUser);
        foreach (var user in users)
        {
            rows.Clear();
            foreach (var song in user)
            {
                if (row[song] >= 0) rows.Add(row[song]);
            }
            foreach (var a in rows)
            {
                var offset = (long)a * n;
                foreach (var b in rows) gram[offset + b] += 1;
            }
        }
        for (var i = 0; i < n; i++) gram[(long)i * n + i] += (float)lambda;

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = linalg.inv(tensor(gram, [n, n]));
        var weights = (-p / p.diag().unsqueeze(0)).contiguous().data<float>().ToArray();
        for (var i = 0; i < n; i++) weights[(long)i * n + i] = 0;
        return new Ease(Array.ConvertAll(kept, song => all[song]), weights);
    }

    /// <summary>Songs by their summed weight from the user's songs, best first: the whole model, for the EASE reference.</summary>
    public IEnumerable<string> Rank(IReadOnlyList<string> history)
    {
        var n = _songs.Length;
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
        var n = _songs.Length;
        var lists = new Neighbour[n][];
        for (var i = 0; i < n; i++) lists[i] = SongNeighbours.Strongest(_weights.AsSpan((int)((long)i * n), n), i, count, MathF.Abs);
        return new SongNeighbours(_songs, lists);
    }
}
