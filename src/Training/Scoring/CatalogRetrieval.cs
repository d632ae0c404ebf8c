using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Scoring;

/// <summary>
/// The model's retrieval over the whole catalog: its FM part for a user side against every song, exactly, in blocks
/// of 64 songs, most of which are skipped by a bound without being read. Songs are kept grouped by language, so the
/// preferred-language field (one token per language for a given user) adds a constant per group, and the song sums
/// are stored by dimension, so a block's dot products with the user's sum are a few vector multiply-adds.
/// </summary>
internal sealed class CatalogRetrieval
{
    // Songs scored, or skipped, at a time: 256 bytes of scores on the stack.
    private const int Block = 64;

    // Blocks scored first, beyond those the heap's songs fill, before any is skipped by its bound.
    private const int LeadBlocks = 4;

    private readonly int[] _rows;
    private readonly (int Language, int Start, int Length)[] _groups;
    private readonly float[][] _byDimension;
    private readonly float[] _own;
    private readonly float[][] _withToken;
    private readonly BlockBound[] _bounds;
    private readonly float[] _blockWithToken;

    /// <summary>
    /// Per block, the most any of its songs can add: its best own score and longest FM sum (its best pair with each token
    /// is in <see cref="_blockWithToken"/>); its songs' language, or -1 for a block that spans two; its first language group.
    /// </summary>
    private readonly record struct BlockBound(float Own, float Norm, int Language, int FirstGroup);

    /// <param name="songs">Every song's side.</param>
    /// <param name="own">Every song's own score (first order and the FM pairs within it).</param>
    /// <param name="languages">Every song's language index.</param>
    /// <param name="withToken">Per preferred-language token, every song's FM pair with it.</param>
    public CatalogRetrieval(SideSums songs, float[] own, int[] languages, float[][] withToken)
    {
        // Within a language, the songs whose own score is highest first: the heap fills with good songs early, and the
        // blocks after them hold songs whose bound falls below what the heap keeps.
        _rows = Enumerable.Range(0, own.Length).OrderBy(row => languages[row]).ThenByDescending(row => own[row]).ThenBy(row => row).ToArray();
        _groups = _rows.Select((row, position) => (Language: languages[row], Position: position))
            .GroupBy(x => x.Language)
            .Select(g => (g.Key, g.First().Position, g.Count()))
            .ToArray();
        _byDimension = new float[songs.Dimension][];
        for (var k = 0; k < songs.Dimension; k++)
            _byDimension[k] = Array.ConvertAll(_rows, row => songs.Sums[row * songs.Dimension + k]);
        _own = Array.ConvertAll(_rows, row => own[row]);
        _withToken = Array.ConvertAll(withToken, pairs => Array.ConvertAll(_rows, row => pairs[row]));
        _bounds = new BlockBound[(_rows.Length + Block - 1) / Block];
        _blockWithToken = new float[_bounds.Length * _withToken.Length];
        var group = 0;
        for (var b = 0; b < _bounds.Length; b++)
        {
            var (start, end) = (b * Block, Math.Min((b + 1) * Block, _rows.Length));
            while (_groups[group].Start + _groups[group].Length <= start) group++;
            var norm = 0f;
            for (var i = start; i < end; i++) norm = Math.Max(norm, TensorPrimitives.Norm(songs.Sum(_rows[i])));
            for (var t = 0; t < _withToken.Length; t++) _blockWithToken[b * _withToken.Length + t] = TensorPrimitives.Max(_withToken[t].AsSpan(start..end));
            var language = languages[_rows[start]] == languages[_rows[end - 1]] ? languages[_rows[start]] : -1;
            _bounds[b] = new BlockBound(TensorPrimitives.Max(_own.AsSpan(start..end)), norm, language, group);
        }
    }

    /// <param name="user">The user side's FM sum.</param>
    /// <param name="tokenParts">Per token: what it adds besides its pair with the song (its weight, its pair with the user side).</param>
    /// <param name="tokenOfLanguage">Per language: the token a song in it gets for this user.</param>
    /// <returns>The rows of the <paramref name="count"/> best songs, best first (ties: the lower row).</returns>
    /// <remarks>
    /// Exact, but most of a large catalog is never scored: a block's songs score at most its best own score, plus the
    /// user's sum times the block's longest song sum (Cauchy-Schwarz), plus its best pair with its token. Once the heap
    /// is full, a block whose bound is below the worst song kept is skipped unread. On the service's trained model at
    /// 50,000 songs: a user's top 100 scores a quarter of the blocks (the pass 90 -> 44 µs), a room's top 50 a seventh
    /// (72 -> 22 µs).
    /// </remarks>
    public int[] Top(ReadOnlySpan<float> user, float[] tokenParts, int[] tokenOfLanguage, int count)
    {
        var best = new TopK(Math.Min(count, _rows.Length));
        // Float rounding in the scores may carry one a hair above its exact bound: the bound gets a margin for it.
        var userNorm = TensorPrimitives.Norm(user) * (1 + 1e-4f) + 1e-4f;
        var bounds = ArrayPool<float>.Shared.Rent(_bounds.Length);
        var scored = ArrayPool<bool>.Shared.Rent(_bounds.Length);
        Span<float> scratch = stackalloc float[Block];
        try
        {
            // The blocks of the highest bounds first: the heap's threshold is then near its last value before the rest
            // is looked at, and few songs after them enter the heap.
            var lead = new TopK(Math.Min(_bounds.Length, count / Block + LeadBlocks));
            for (var b = 0; b < _bounds.Length; b++)
            {
                bounds[b] = Bound(b, userNorm, tokenParts, tokenOfLanguage);
                scored[b] = false;
                lead.Add(bounds[b], b);
            }
            foreach (var b in lead.TakeOrdered())
            {
                ScoreBlock(b, user, tokenParts, tokenOfLanguage, best, scratch);
                scored[b] = true;
            }
            for (var b = 0; b < _bounds.Length; b++)
            {
                if (!scored[b] && bounds[b] >= best.Threshold) ScoreBlock(b, user, tokenParts, tokenOfLanguage, best, scratch);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bounds);
            ArrayPool<bool>.Shared.Return(scored);
        }
        return best.TakeOrdered();
    }

    private void ScoreBlock(int b, ReadOnlySpan<float> user, float[] tokenParts, int[] tokenOfLanguage, TopK best, Span<float> scratch)
    {
        var (start, end) = (b * Block, Math.Min((b + 1) * Block, _rows.Length));
        var scores = scratch[..(end - start)];
        FmScores(start, user, scores);
        // Each language group in this block: its token's part.
        for (var g = _bounds[b].FirstGroup; g < _groups.Length && _groups[g].Start < end; g++)
        {
            var (language, groupStart, groupLength) = _groups[g];
            var (from, to) = (Math.Max(groupStart, start), Math.Min(groupStart + groupLength, end));
            var token = tokenOfLanguage[language];
            var part = scores[(from - start)..(to - start)];
            TensorPrimitives.Add(part, _withToken[token].AsSpan(from..to), part);
            TensorPrimitives.Add(part, tokenParts[token], part);
        }
        Keep(best, scores, start);
    }

    /// <summary>
    /// The block's songs' own scores plus their FM pairs with the user: a vector of songs at a time, its sum kept in a
    /// register across the dimensions (a library call per dimension cost more than the arithmetic on 64 songs).
    /// </summary>
    private void FmScores(int start, ReadOnlySpan<float> user, Span<float> scores)
    {
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= scores.Length; i += width)
        {
            var sum = new Vector<float>(_own, start + i);
            for (var k = 0; k < user.Length; k++) sum = Vector.FusedMultiplyAdd(new Vector<float>(_byDimension[k], start + i), new Vector<float>(user[k]), sum);
            sum.CopyTo(scores[i..]);
        }
        for (; i < scores.Length; i++)
        {
            var sum = _own[start + i];
            for (var k = 0; k < user.Length; k++) sum = MathF.FusedMultiplyAdd(_byDimension[k][start + i], user[k], sum);
            scores[i] = sum;
        }
    }

    private float Bound(int b, float userNorm, float[] tokenParts, int[] tokenOfLanguage)
    {
        var block = _bounds[b];
        var token = float.MinValue;
        for (var t = 0; t < tokenParts.Length; t++)
        {
            if (block.Language < 0 || tokenOfLanguage[block.Language] == t) token = Math.Max(token, _blockWithToken[b * tokenParts.Length + t] + tokenParts[t]);
        }
        return block.Own + userNorm * block.Norm + token + 1e-4f * (Math.Abs(block.Own) + Math.Abs(token));
    }

    /// <remarks>
    /// Within a block that may hold an entrant, a whole vector of scores below the worst song kept is skipped by one
    /// comparison, and only a vector holding a possible entrant is looked at song by song.
    /// </remarks>
    private void Keep(TopK best, ReadOnlySpan<float> scores, int start)
    {
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= scores.Length; i += width)
        {
            if (Vector.LessThanAll(new Vector<float>(scores.Slice(i, width)), new Vector<float>((float)best.Threshold))) continue;
            for (var j = i; j < i + width; j++) Offer(best, scores[j], start + j);
        }
        for (; i < scores.Length; i++) Offer(best, scores[i], start + i);
    }

    private void Offer(TopK best, float score, int position)
    {
        if (best.Admits(score, _rows[position])) best.Add(score, _rows[position]);
    }
}
