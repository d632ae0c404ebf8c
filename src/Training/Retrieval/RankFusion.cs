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
}
