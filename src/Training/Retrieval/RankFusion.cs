namespace KtvRec.Training.Retrieval;

/// <summary>
/// The model's order fused with the similar-songs order by weighted reciprocal rank fusion (Cormack et al. 2009),
/// without trusting either scale. For a user the model has not seen yet the item-to-item source knows what they sang
/// since the last retrain; for everyone, each retrain measures how much weight the similar-songs order earns.
/// </summary>
public static class RankFusion
{
    /// <summary>The usual constant: dampens the weight of the very first ranks.</summary>
    private const double Damping = 60;

    /// <returns>A fused score per candidate, in the order given; higher is better.</returns>
    /// <param name="similarWeight">How much a rank in the similar-songs order counts against the same rank in the model's.</param>
    public static double[] Fuse(IReadOnlyList<Candidate> candidates, IReadOnlyList<float> modelScores, double similarWeight = 1)
    {
        var fused = new double[candidates.Count];
        var byModel = Enumerable.Range(0, candidates.Count).OrderByDescending(i => modelScores[i]).ToArray();
        for (var rank = 0; rank < byModel.Length; rank++) fused[byModel[rank]] += 1 / (Damping + rank + 1);
        var bySimilarity = Enumerable.Range(0, candidates.Count)
            .Where(i => candidates[i].Source == CandidateSource.SimilarSongs)
            .OrderByDescending(i => candidates[i].Strength)
            .ToArray();
        for (var rank = 0; rank < bySimilarity.Length; rank++) fused[bySimilarity[rank]] += similarWeight / (Damping + rank + 1);
        return fused;
    }

    /// <summary>
    /// The positions of the <paramref name="count"/> highest scores, best first (ties in the order given), by a heap
    /// of <paramref name="count"/> rather than a sort of all.
    /// </summary>
    public static int[] Best(IReadOnlyList<double> scores, int count)
    {
        count = Math.Min(count, scores.Count);
        if (count <= 0) return [];
        var best = new PriorityQueue<int, (double Score, int Index)>(count + 1, WorstFirst.Instance);
        for (var i = 0; i < scores.Count; i++)
        {
            if (best.Count == count && best.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare((scores[i], i), worst) <= 0) continue;
            best.Enqueue(i, (scores[i], i));
            if (best.Count > count) best.Dequeue();
        }
        var top = new int[best.Count];
        for (var i = top.Length - 1; i >= 0; i--) top[i] = best.Dequeue();
        return top;
    }

    /// <summary>A lower score is worse; at the same score, the later position is worse.</summary>
    private sealed class WorstFirst : IComparer<(double Score, int Index)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, int Index) x, (double Score, int Index) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Index.CompareTo(x.Index);
    }
}
