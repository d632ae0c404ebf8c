namespace KtvRec.Training.Retrieval;

/// <summary>
/// For a user the model has not seen yet (joined after the last retrain): the model knows their context and the songs
/// but not them, the item-to-item source knows what they sang. Reciprocal rank fusion (Cormack et al. 2009) of the two
/// orders, so their songs since the last retrain shape the list at once without trusting either scale.
/// </summary>
public static class RankFusion
{
    /// <summary>The usual constant: dampens the weight of the very first ranks.</summary>
    private const double Damping = 60;

    /// <returns>A fused score per candidate, in the order given; higher is better.</returns>
    public static double[] Fuse(IReadOnlyList<Candidate> candidates, IReadOnlyList<float> modelScores)
    {
        var fused = new double[candidates.Count];
        var byModel = Enumerable.Range(0, candidates.Count).OrderByDescending(i => modelScores[i]).ToArray();
        for (var rank = 0; rank < byModel.Length; rank++) fused[byModel[rank]] += 1 / (Damping + rank + 1);
        var bySimilarity = Enumerable.Range(0, candidates.Count)
            .Where(i => candidates[i].Source == CandidateSource.SimilarSongs)
            .OrderByDescending(i => candidates[i].Strength)
            .ToArray();
        for (var rank = 0; rank < bySimilarity.Length; rank++) fused[bySimilarity[rank]] += 1 / (Damping + rank + 1);
        return fused;
    }
}
