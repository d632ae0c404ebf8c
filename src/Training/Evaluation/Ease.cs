using static TorchSharp.torch;

namespace KtvRec.Training.Evaluation;

/// <summary>
/// EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): a closed-form item-to-item linear model,
/// B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, and a strong simple baseline on implicit feedback. Used only
/// to put the pipeline's figures in context; its cost grows with the cube of the catalog, so the most enjoyed
/// <c>maxSongs</c> songs take part.
/// </summary>
public sealed class Ease
{
    private readonly Dictionary<string, int> _index;
    private readonly string[] _songs;
    private readonly float[] _weights;

    private Ease(string[] songs, float[] weights)
    {
        _songs = songs;
        _weights = weights;
        _index = songs.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
    }

    public const double DefaultLambda = 200;

    public static Ease Fit(IEnumerable<(string User, string Song)> positives, double lambda = DefaultLambda, int maxSongs = 20_000)
    {
        var pairs = positives.Distinct().ToList();
        var songs = pairs.GroupBy(p => p.Song).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(maxSongs).Select(g => g.Key).ToArray();
        var songIndex = songs.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var users = pairs.Select(p => p.User).Distinct().Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);

        var x = new float[users.Count * (long)songs.Length];
        foreach (var (user, song) in pairs)
        {
            if (songIndex.TryGetValue(song, out var column)) x[users[user] * (long)songs.Length + column] = 1;
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var matrix = tensor(x, [users.Count, songs.Length]);
        var gram = matrix.t().mm(matrix) + eye(songs.Length) * (float)lambda;
        var p = linalg.inv(gram);
        var b = -p / p.diag().unsqueeze(0);
        var weights = b.contiguous().data<float>().ToArray();
        for (var i = 0; i < songs.Length; i++) weights[i * (long)songs.Length + i] = 0;
        return new Ease(songs, weights);
    }

    /// <summary>Songs by their summed weight from the user's songs, best first.</summary>
    public IEnumerable<string> Rank(IReadOnlyList<string> history)
    {
        var n = _songs.Length;
        var scores = new float[n];
        foreach (var song in history.Distinct(StringComparer.Ordinal))
        {
            if (!_index.TryGetValue(song, out var row)) continue;
            var weights = _weights.AsSpan(row * n, n);
            for (var j = 0; j < n; j++) scores[j] += weights[j];
        }
        return Enumerable.Range(0, n).OrderByDescending(j => scores[j]).ThenBy(j => j).Select(j => _songs[j]);
    }
}
