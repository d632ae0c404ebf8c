using System.Buffers;
using System.Numerics.Tensors;
using KtvRec.Domain.Songs;
using KtvRec.Training.Features;

namespace KtvRec.Training.Scoring;

/// <summary>Scoring songs for one user side or several (a room's members) with the prepared song sides.</summary>
public sealed partial class CatalogScorer
{
    // Pairs through the DNN at a time: a 128-wide layer's input and output (2 × 128 KB) stay in the L2 cache.
    private const int DnnTile = 256;

    /// <returns>The probability of each song being sung to the end, in the order given.</returns>
    /// <remarks>A song this scorer was not prepared for (added since) has its side computed now.</remarks>
    public float[] Score(UserSide side, IReadOnlyList<Song> candidates)
    {
        var rows = new int[candidates.Count];
        var added = new List<Song>();
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = RowOf(candidates[i].Id);
            if (rows[i] >= 0) continue;
            rows[i] = -1 - added.Count;
            added.Add(candidates[i]);
        }
        return Score([side], rows, added.Count == 0 ? null : (Sides(_sideWeights, _space, added), added));
    }

    /// <param name="rows">Rows of this scorer's songs (<see cref="RowOf"/>): what a request scores, with no lookup by id.</param>
    /// <returns>The probability of each song being sung to the end, in the order given.</returns>
    public float[] Score(UserSide side, IReadOnlyList<int> rows) => Score([side], rows, null);

    /// <summary>
    /// Several user sides over the same songs in one batch (a room's members): each song's side is read once for all
    /// of them, and the DNN runs once over every pair.
    /// </summary>
    /// <returns>Per side, the probability of each song being sung to the end, in the order given.</returns>
    public float[][] Score(IReadOnlyList<UserSide> sides, IReadOnlyList<int> rows)
    {
        var scores = Score(sides, rows, null);
        if (sides.Count == 1) return [scores];
        var bySide = new float[sides.Count][];
        for (var s = 0; s < sides.Count; s++)
        {
            bySide[s] = new float[rows.Count];
            for (var i = 0; i < rows.Count; i++) bySide[s][i] = scores[i * sides.Count + s];
        }
        return bySide;
    }

    /// <param name="rows">A row of this scorer's songs, or -1 - i for song i of <paramref name="added"/>.</param>
    /// <returns>Row by row, each side's probability of the row: [rows × sides].</returns>
    /// <remarks>
    /// The FM part of a row (user u, song s, preferred-language token p) is split by the identity
    /// ½(|u+s+p|² − squares) = own(u) + own(s) + own(p) + u·s + u·p + s·p, and the DNN's first layer is U + S + P: what
    /// each user side and token give is computed once here, what each song gives once per model, so a pair costs one
    /// small dot product and one pass over the first layer before the DNN's remaining layers. A tile of songs at a
    /// time, every side of each: the tile's first layer, then the rest of the DNN over it, so its activations stay in the
    /// L2 cache and a room's request rents buffers of the size a user's does.
    /// </remarks>
    private float[] Score(IReadOnlyList<UserSide> sides, IReadOnlyList<int> rows, (SideSums Sides, List<Song> Songs)? added)
    {
        var hidden = _songs.Hidden;
        var tokens = _preferred.Linear.Length;
        var logits = new float[rows.Count * sides.Count];
        var tileRows = Math.Max(1, DnnTile / sides.Count);
        var first = ArrayPool<float>.Shared.Rent(Math.Min(rows.Count, tileRows) * sides.Count * hidden);
        var withToken = ArrayPool<float>.Shared.Rent(sides.Count * tokens * hidden);
        Span<float> withTokenLogit = stackalloc float[sides.Count * tokens];
        var tokenOfLanguage = new int[sides.Count][];
        var userSums = new float[sides.Count][];
        try
        {
            for (var s = 0; s < sides.Count; s++)
            {
                var user = sides[s].Sums;
                userSums[s] = user.Sums;
                tokenOfLanguage[s] = PreferredTokens(sides[s].User);
                for (var token = 0; token < tokens; token++)
                {
                    var at = s * tokens + token;
                    withTokenLogit[at] = _weights.Bias + user.Own(0) + _preferred.Own(token) + TensorPrimitives.Dot(user.Sum(0), _preferred.Sum(token));
                    if (hidden > 0) TensorPrimitives.Add(user.Projection(0), _preferred.Projection(token), withToken.AsSpan(at * hidden, hidden));
                }
            }
            for (var start = 0; start < rows.Count; start += tileRows)
            {
                var end = Math.Min(start + tileRows, rows.Count);
                for (var i = start; i < end; i++)
                {
                    var prepared = rows[i] >= 0;
                    var (songs, row) = prepared ? (_songs, rows[i]) : (added!.Value.Sides, -1 - rows[i]);
                    var songOwn = prepared ? _songOwn[row] : songs.Own(row);
                    for (var s = 0; s < sides.Count; s++)
                    {
                        var token = prepared
                            ? tokenOfLanguage[s][_songLanguages[row]]
                            : KtvFeatures.PreferredLanguageToken(sides[s].User, added!.Value.Songs[row].Language);
                        var songWithToken = prepared ? _songWithToken[token][row] : TensorPrimitives.Dot(songs.Sum(row), _preferred.Sum(token));
                        var pair = i * sides.Count + s;
                        logits[pair] = withTokenLogit[s * tokens + token] + songOwn + songWithToken + SmallDot(userSums[s], songs.Sum(row));
                        if (hidden > 0)
                        {
                            var inTile = pair - start * sides.Count;
                            DenseKernel.AddRelu(withToken.AsSpan((s * tokens + token) * hidden, hidden), songs.Projection(row), first.AsSpan(inTile * hidden, hidden));
                        }
                    }
                }
                var (from, pairs) = (start * sides.Count, (end - start) * sides.Count);
                if (hidden > 0) AddDnn(first, pairs, hidden, logits.AsSpan(from, pairs));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(first);
            ArrayPool<float>.Shared.Return(withToken);
        }
        TensorPrimitives.Sigmoid(logits, logits);
        return logits;
    }

    /// <summary>
    /// The FM pair of a user side and a song: a dot product of the embedding width (about ten), in a plain loop with
    /// two sums: at this length the library's call cost more than its arithmetic (perf on a room's thousand pairs: 7.8 %
    /// of the scoring in the library's dot product, 2.8 % in this loop).
    /// </summary>
    private static float SmallDot(float[] user, ReadOnlySpan<float> song)
    {
        var (even, odd) = (0f, 0f);
        var k = 0;
        for (; k + 1 < song.Length; k += 2)
        {
            even = MathF.FusedMultiplyAdd(user[k], song[k], even);
            odd = MathF.FusedMultiplyAdd(user[k + 1], song[k + 1], odd);
        }
        if (k < song.Length) even = MathF.FusedMultiplyAdd(user[k], song[k], even);
        return even + odd;
    }

    /// <summary>The DNN's layers after the first over a tile's first-layer activations; the output joins each pair's logit.</summary>
    private void AddDnn(float[] first, int pairs, int width, Span<float> logits)
    {
        var widest = _layers.Max(l => l.Bias.Length);
        float[][] buffers = [ArrayPool<float>.Shared.Rent(pairs * widest), ArrayPool<float>.Shared.Rent(pairs * widest)];
        try
        {
            ReadOnlySpan<float> input = first.AsSpan(0, pairs * width);
            for (var layer = 0; layer < _layers.Length; layer++)
            {
                var (transposed, bias) = _layers[layer];
                var output = buffers[layer % 2].AsSpan(0, pairs * bias.Length);
                DenseKernel.Forward(input, pairs, transposed, bias, output, relu: layer < _layers.Length - 1);
                input = output;
            }
            // The last layer has one output per pair.
            TensorPrimitives.Add(logits, input, logits);
        }
        finally
        {
            foreach (var buffer in buffers) ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
