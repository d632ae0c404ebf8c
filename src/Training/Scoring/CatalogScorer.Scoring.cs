using System.Buffers;
using System.Numerics.Tensors;
using KtvRec.Training.Features;

namespace KtvRec.Training.Scoring;

/// <summary>Scoring songs for one user side or several (a room's members) with the prepared song sides.</summary>
public sealed partial class CatalogScorer
{
    // Pairs through the DNN at a time: a 128-wide layer's input and output (2 × 128 KB) stay in the L2 cache.
    private const int DnnTile = 256;

    /// <param name="rows">Rows of this scorer's songs (<see cref="RowOf"/>).</param>
    /// <param name="pairs">Each row's pair fields for this user, in the order of <paramref name="rows"/>.</param>
    /// <returns>The probability of each song being picked and enjoyed, in the order given.</returns>
    public float[] Score(UserSide side, IReadOnlyList<int> rows, IReadOnlyList<PairSignals> pairs) => ScorePairs([side], rows, pairs);

    /// <summary>
    /// Several user sides over the same songs in one batch (a room's members): each song's side is read once for all
    /// of them, and the DNN runs once over every pair.
    /// </summary>
    /// <param name="pairs">The pair fields row by row, each row's sides in turn: [rows × sides].</param>
    /// <returns>Per side, the probability of each song, in the order given.</returns>
    public float[][] Score(IReadOnlyList<UserSide> sides, IReadOnlyList<int> rows, IReadOnlyList<PairSignals> pairs)
    {
        var scores = ScorePairs(sides, rows, pairs);
        var bySide = new float[sides.Count][];
        for (var s = 0; s < sides.Count; s++)
        {
            bySide[s] = new float[rows.Count];
            for (var i = 0; i < rows.Count; i++) bySide[s][i] = scores[i * sides.Count + s];
        }
        return bySide;
    }

    /// <returns>Row by row, each side's probability of the row: [rows × sides].</returns>
    /// <remarks>
    /// The FM part of a row (user side u, song side s, pair fields summing to p) is split by the identity
    /// ½(|u+s+p|² − squares) = own(u) + own(s) + own(p) + u·s + u·p + s·p, and the DNN's first layer is U + S + P: what
    /// each user side gives is computed once here, what each song gives once per model, what each pair bucket gives
    /// once per model, so a pair costs a few small dot products and adds before the DNN's remaining layers. A tile of
    /// songs at a time, every side of each: the tile's first layer, then the rest of the DNN over it, so its
    /// activations stay in the L2 cache and a room's request rents buffers of the size a user's does.
    /// </remarks>
    private float[] ScorePairs(IReadOnlyList<UserSide> sides, IReadOnlyList<int> rows, IReadOnlyList<PairSignals> pairs)
    {
        if (pairs.Count != rows.Count * sides.Count) throw new ArgumentException("One pair of fields per row and side is needed.", nameof(pairs));
        var hidden = _songs.Hidden;
        var dimension = _songs.Dimension;
        var logits = new float[rows.Count * sides.Count];
        var tileRows = Math.Max(1, DnnTile / sides.Count);
        var first = ArrayPool<float>.Shared.Rent(Math.Max(1, Math.Min(rows.Count, tileRows) * sides.Count * hidden));
        var userFirst = ArrayPool<float>.Shared.Rent(Math.Max(1, sides.Count * hidden));
        Span<float> pairSum = stackalloc float[dimension];
        try
        {
            var userOwn = new float[sides.Count];
            for (var s = 0; s < sides.Count; s++) userOwn[s] = _weights.Bias + sides[s].Sums.Own(0);
            // Each side's first-layer projection with the pair fields' bucket 0 in it: one add per pair instead of five.
            for (var s = 0; s < sides.Count; s++)
            {
                if (hidden > 0) TensorPrimitives.Add(sides[s].Sums.Projection(0), _pairStart.Projection(0), userFirst.AsSpan(s * hidden, hidden));
            }
            for (var start = 0; start < rows.Count; start += tileRows)
            {
                var end = Math.Min(start + tileRows, rows.Count);
                for (var i = start; i < end; i++)
                {
                    var row = rows[i];
                    var song = _songs.Sum(row);
                    for (var s = 0; s < sides.Count; s++)
                    {
                        var pair = i * sides.Count + s;
                        var user = sides[s].Sums;
                        var firstLayer = hidden > 0 ? first.AsSpan((pair - start * sides.Count) * hidden, hidden) : default;
                        if (hidden > 0) TensorPrimitives.Add(userFirst.AsSpan(s * hidden, hidden), _songs.Projection(row), firstLayer);
                        var pairOwn = AddPair(pairs[pair], pairSum, firstLayer);
                        var userSum = user.Sum(0);
                        logits[pair] = userOwn[s] + _songOwn[row] + pairOwn
                            + SmallDot(userSum, song) + SmallDot(userSum, pairSum) + SmallDot(song, pairSum);
                        if (hidden > 0) TensorPrimitives.Max(firstLayer, 0f, firstLayer);
                    }
                }
                var (from, count) = (start * sides.Count, (end - start) * sides.Count);
                if (hidden > 0) AddDnn(first, count, hidden, logits.AsSpan(from, count));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(first);
            ArrayPool<float>.Shared.Return(userFirst);
        }
        TensorPrimitives.Sigmoid(logits, logits);
        return logits;
    }

    /// <summary>
    /// The pair fields of one pair: their embeddings' sum into <paramref name="sum"/>, their projections added to
    /// <paramref name="firstLayer"/>, and their own part of the logit returned (first-order weights and the FM pairs
    /// among them). Every bucketed field starts at its bucket 0 (<see cref="_pairStart"/>, whose projection the user side
    /// already carries), so a pair adds only the fields whose bucket is another: most songs are not in a user's history
    /// nor ranked by their passes, and those five fields then cost nothing.
    /// </summary>
    private float AddPair(in PairSignals pair, Span<float> sum, Span<float> firstLayer)
    {
        _pairStart.Sum(0).CopyTo(sum);
        var (own, squares) = (_pairStart.Linear[0], _pairStart.Squares[0]);
        AddBucket(0, pair.PreferredLanguage, sum, firstLayer, ref own, ref squares);
        AddBucket(1, pair.SungBefore, sum, firstLayer, ref own, ref squares);
        AddBucket(2, pair.SungTimes, sum, firstLayer, ref own, ref squares);
        AddBucket(3, pair.SimilarRank, sum, firstLayer, ref own, ref squares);
        AddValue(4, pair.SimilarScore, sum, firstLayer, ref own, ref squares);
        AddBucket(5, pair.TogetherRank, sum, firstLayer, ref own, ref squares);
        AddValue(6, pair.TogetherScore, sum, firstLayer, ref own, ref squares);
        AddBucket(7, pair.LatestRank, sum, firstLayer, ref own, ref squares);
        AddBucket(8, pair.Popularity, sum, firstLayer, ref own, ref squares);
        AddBucket(9, pair.WindowPopularity, sum, firstLayer, ref own, ref squares);
        return own + 0.5f * (SmallDot(sum, sum) - squares);
    }

    /// <summary>A bucketed field: what its bucket changes from bucket 0 (nothing for bucket 0).</summary>
    private void AddBucket(int field, int bucket, Span<float> sum, Span<float> firstLayer, ref float own, ref float squares)
    {
        if (bucket != 0) AddPairField(_pairChanges, field * KtvFeatures.MaxBucket + bucket, 1, sum, firstLayer, ref own, ref squares);
    }

    /// <summary>A numeric field: its one feature at its value.</summary>
    private void AddValue(int field, float value, Span<float> sum, Span<float> firstLayer, ref float own, ref float squares) =>
        AddPairField(_pairs, field * KtvFeatures.MaxBucket, value, sum, firstLayer, ref own, ref squares);

    private static void AddPairField(SideSums table, int at, float value, Span<float> sum, Span<float> firstLayer, ref float own, ref float squares)
    {
        own += value * table.Linear[at];
        squares += value * value * table.Squares[at];
        if (sum.Length > 0) TensorPrimitives.MultiplyAdd(table.Sum(at), value, sum, sum);
        if (firstLayer.Length == 0) return;
        if (value == 1) TensorPrimitives.Add(firstLayer, table.Projection(at), firstLayer);
        else TensorPrimitives.MultiplyAdd(table.Projection(at), value, firstLayer, firstLayer);
    }

    /// <summary>
    /// A dot product of the embedding width (about ten), in a plain loop with two sums: at this length the library's
    /// call costs more than its arithmetic.
    /// </summary>
    private static float SmallDot(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var (even, odd) = (0f, 0f);
        var k = 0;
        for (; k + 1 < right.Length; k += 2)
        {
            even = MathF.FusedMultiplyAdd(left[k], right[k], even);
            odd = MathF.FusedMultiplyAdd(left[k + 1], right[k + 1], odd);
        }
        if (k < right.Length) even = MathF.FusedMultiplyAdd(left[k], right[k], even);
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
