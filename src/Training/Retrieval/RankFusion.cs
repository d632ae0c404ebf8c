using System.Runtime.InteropServices;

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
        var byModel = new (float Key, int Index)[candidates.Count];
        for (var i = 0; i < byModel.Length; i++) byModel[i] = (modelScores[i], i);
        byModel.AsSpan().Sort(new HighestFirst());
        for (var rank = 0; rank < byModel.Length; rank++) fused[byModel[rank].Index] += 1 / (Damping + rank + 1);
        var bySimilarity = new List<(float Key, int Index)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Source == CandidateSource.SimilarSongs) bySimilarity.Add((candidates[i].Strength, i));
        }
        CollectionsMarshal.AsSpan(bySimilarity).Sort(new HighestFirst());
        for (var rank = 0; rank < bySimilarity.Count; rank++) fused[bySimilarity[rank].Index] += similarWeight / (Damping + rank + 1);
        return fused;
    }

    /// <summary>
    /// The positions of the <paramref name="count"/> highest scores, best first (ties in the order given), by a heap
    /// of <paramref name="count"/> rather than a sort of all.
    /// </summary>
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

    /// <summary>The higher key first; at the same key, the earlier position (a stable order, as LINQ's).</summary>
    private readonly struct HighestFirst : IComparer<(float Key, int Index)>
    {
        public int Compare((float Key, int Index) x, (float Key, int Index) y) =>
            x.Key != y.Key ? y.Key.CompareTo(x.Key) : x.Index.CompareTo(y.Index);
    }
}
