namespace KtvRec.Training.Trainer;

/// <summary>
/// Whether a later epoch is worth keeping over the one kept so far. A few hundred held-out users make NDCG@20 move by
/// more from epoch to epoch than training changes it; keeping whichever epoch scored highest picked late, overfitted
/// epochs by chance (docs/ranking.md). So a later epoch must beat the kept one user by user, by more than one standard
/// error of the paired differences (the one-standard-error rule), and otherwise the earlier, simpler model stays.
/// </summary>
public static class EpochSelection
{
    /// <param name="candidate">Each held-out user's figure for the later epoch.</param>
    /// <param name="kept">The same users' figures, in the same order, for the epoch kept so far.</param>
    public static bool ClearlyBetter(IReadOnlyList<double> candidate, IReadOnlyList<double> kept)
    {
        if (candidate.Count != kept.Count) throw new ArgumentException("Both epochs must be judged on the same users.", nameof(candidate));
        var n = candidate.Count;
        if (n == 0) return false;
        var mean = 0.0;
        for (var i = 0; i < n; i++) mean += candidate[i] - kept[i];
        mean /= n;
        if (n == 1) return mean > 0;
        var squares = 0.0;
        for (var i = 0; i < n; i++) squares += Math.Pow(candidate[i] - kept[i] - mean, 2);
        var standardError = Math.Sqrt(squares / (n - 1) / n);
        return mean > standardError;
    }
}
