namespace KtvRec.Training.Retrieval;

/// <summary>
/// The <c>k</c> best of a stream of scored ids, kept in a binary heap of <c>k</c> whose root is the worst kept: a
/// score that cannot enter costs one comparison. Higher scores are better; at the same score, the lower id. Runs on
/// every request (over the catalog, the candidates, the similar songs), so it is arrays and inlined comparisons
/// rather than <see cref="PriorityQueue{TElement, TPriority}"/> with a comparer object.
/// </summary>
public sealed class TopK
{
    private readonly double[] _scores;
    private readonly int[] _ids;
    private int _count;

    public TopK(int k)
    {
        _scores = new double[Math.Max(k, 0)];
        _ids = new int[_scores.Length];
    }

    /// <summary>The worst score kept once the heap is full (a lower score cannot enter); negative infinity until then.</summary>
    public double Threshold => _count == _scores.Length && _count > 0 ? _scores[0] : double.NegativeInfinity;

    /// <summary>Whether <paramref name="score"/> for <paramref name="id"/> would be kept now.</summary>
    public bool Admits(double score, int id) => _count < _scores.Length || (_scores.Length > 0 && Better(score, id, 0));

    public void Add(double score, int id)
    {
        if (_count < _scores.Length)
        {
            (_scores[_count], _ids[_count]) = (score, id);
            SiftUp(_count++);
        }
        else if (Admits(score, id))
        {
            (_scores[0], _ids[0]) = (score, id);
            SiftDown(0, _count);
        }
    }

    /// <summary>The kept ids, best first. Empties the heap.</summary>
    public int[] TakeOrdered()
    {
        var ordered = new int[_count];
        // Heap sort: the worst goes to the end each time.
        for (var last = _count - 1; last >= 0; last--)
        {
            ordered[last] = _ids[0];
            (_scores[0], _ids[0]) = (_scores[last], _ids[last]);
            SiftDown(0, last);
        }
        _count = 0;
        return ordered;
    }

    /// <summary>Whether (<paramref name="score"/>, <paramref name="id"/>) ranks above the entry at <paramref name="at"/>.</summary>
    private bool Better(double score, int id, int at) => score != _scores[at] ? score > _scores[at] : id < _ids[at];

    /// <summary>Whether entry <paramref name="a"/> is worse than entry <paramref name="b"/> (the worse sits nearer the root).</summary>
    private bool Worse(int a, int b) => Better(_scores[b], _ids[b], a);

    private void SiftUp(int at)
    {
        while (at > 0)
        {
            var parent = (at - 1) / 2;
            if (!Worse(at, parent)) return;
            Swap(at, parent);
            at = parent;
        }
    }

    private void SiftDown(int at, int count)
    {
        while (true)
        {
            var worst = at;
            var (left, right) = (2 * at + 1, 2 * at + 2);
            if (left < count && Worse(left, worst)) worst = left;
            if (right < count && Worse(right, worst)) worst = right;
            if (worst == at) return;
            Swap(at, worst);
            at = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}

/// <summary>Scores in their order, highest first, as lists read them.</summary>
public static class ScoreOrder
{
    /// <summary>The positions of the <paramref name="count"/> highest scores, best first (ties in the order given), by a heap of the count.</summary>
    public static int[] Best(IReadOnlyList<double> scores, int count)
    {
        var best = new TopK(Math.Min(count, scores.Count));
        for (var i = 0; i < scores.Count; i++)
        {
            if (best.Admits(scores[i], i)) best.Add(scores[i], i);
        }
        return best.TakeOrdered();
    }

    /// <summary>
    /// Every position, best first (ties in the order given), read lazily: the first <paramref name="first"/> by a heap,
    /// the rest sorted only if a reader goes past them (a list whose variety rules held back many songs).
    /// </summary>
    public static IEnumerable<int> InOrder(IReadOnlyList<double> scores, int first)
    {
        var best = Best(scores, first);
        foreach (var position in best) yield return position;
        if (best.Length == scores.Count) yield break;
        var taken = new HashSet<int>(best);
        var rest = Enumerable.Range(0, scores.Count).Where(position => !taken.Contains(position)).ToArray();
        foreach (var position in KeyOrder.Descending(rest, scores)) yield return position;
    }
}
