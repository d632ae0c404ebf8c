using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Scoring;

/// <summary>
/// The model's retrieval over the whole catalog: its FM part for a user side against every song, exactly, as whole-
/// catalog vector operations. Songs are kept grouped by language, so the preferred-language field (one token per
/// language for a given user) adds a constant per group, and the song sums are stored by dimension, so the dot
/// products with the user's sum are a few passes of multiply-adds over the catalog rather than one small dot per song.
/// </summary>
internal sealed class CatalogRetrieval
{
    private readonly int[] _rows;
    private readonly (int Language, int Start, int Length)[] _groups;
    private readonly float[][] _byDimension;
    private readonly float[] _own;
    private readonly float[][] _withToken;

    /// <param name="songs">Every song's side.</param>
    /// <param name="own">Every song's own score (first order and the FM pairs within it).</param>
    /// <param name="languages">Every song's language index.</param>
    /// <param name="preferred">The preferred-language tokens' sides.</param>
    public CatalogRetrieval(SideSums songs, float[] own, int[] languages, SideSums preferred)
    {
        _rows = Enumerable.Range(0, own.Length).OrderBy(row => languages[row]).ThenBy(row => row).ToArray();
        _groups = _rows.Select((row, position) => (Language: languages[row], Position: position))
            .GroupBy(x => x.Language)
            .Select(g => (g.Key, g.First().Position, g.Count()))
            .ToArray();
        _byDimension = new float[songs.Dimension][];
        for (var k = 0; k < songs.Dimension; k++)
            _byDimension[k] = Array.ConvertAll(_rows, row => songs.Sums[row * songs.Dimension + k]);
        _own = Array.ConvertAll(_rows, row => own[row]);
        _withToken = new float[preferred.Linear.Length][];
        for (var token = 0; token < _withToken.Length; token++)
            _withToken[token] = Array.ConvertAll(_rows, row => TensorPrimitives.Dot(songs.Sum(row), preferred.Sum(token)));
    }

    /// <param name="user">The user side's FM sum.</param>
    /// <param name="tokenParts">Per token: what it adds besides its pair with the song (its weight, its pair with the user side).</param>
    /// <param name="tokenOfLanguage">Per language: the token a song in it gets for this user.</param>
    /// <returns>The rows of the <paramref name="count"/> best songs, best first (ties: the lower row).</returns>
    public int[] Top(ReadOnlySpan<float> user, float[] tokenParts, int[] tokenOfLanguage, int count)
    {
        // Pooled: at 50,000 songs one request's scores would otherwise be a large-object allocation.
        var pooled = ArrayPool<float>.Shared.Rent(_rows.Length);
        try
        {
            var scores = pooled.AsSpan(0, _rows.Length);
            _own.CopyTo(scores);
            for (var k = 0; k < user.Length; k++) TensorPrimitives.MultiplyAdd(_byDimension[k], user[k], scores, scores);
            foreach (var (language, start, length) in _groups)
            {
                var token = tokenOfLanguage[language];
                var group = scores.Slice(start, length);
                TensorPrimitives.Add(group, _withToken[token].AsSpan(start, length), group);
                TensorPrimitives.Add(group, tokenParts[token], group);
            }
            return Best(scores, count);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pooled);
        }
    }

    /// <remarks>
    /// Most of a large catalog scores below the worst song kept once the heap is full: a whole vector of scores is
    /// skipped by one comparison with that threshold, and only a vector holding a possible entrant is looked at song by song.
    /// </remarks>
    private int[] Best(ReadOnlySpan<float> scores, int count)
    {
        var best = new TopK(Math.Min(count, scores.Length));
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= scores.Length; i += width)
        {
            if (Vector.LessThanAll(new Vector<float>(scores.Slice(i, width)), new Vector<float>((float)best.Threshold))) continue;
            for (var j = i; j < i + width; j++) Offer(best, scores[j], j);
        }
        for (; i < scores.Length; i++) Offer(best, scores[i], i);
        return best.TakeOrdered();
    }

    private void Offer(TopK best, float score, int position)
    {
        if (best.Admits(score, _rows[position])) best.Add(score, _rows[position]);
    }
}
