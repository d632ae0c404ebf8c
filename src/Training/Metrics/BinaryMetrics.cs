namespace KtvRec.Training.Metrics;

/// <summary>How well predicted probabilities separate positives from negatives.</summary>
public static class BinaryMetrics
{
    /// <summary>ROC AUC through ranks (ties get their average rank); 0.5 when only one class is present.</summary>
    public static double Auc(IReadOnlyList<float> labels, IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positives = 0, rankSum = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]]) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var i = start; i <= end; i++)
            {
                if (labels[order[i]] > 0.5f)
                {
                    positives++;
                    rankSum += averageRank;
                }
            }
            start = end + 1;
        }
        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0) return 0.5;
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Mean binary cross-entropy, with probabilities clipped away from 0 and 1.</summary>
    public static double LogLoss(IReadOnlyList<float> labels, IReadOnlyList<float> probabilities)
    {
        const double epsilon = 1e-7;
        var sum = 0.0;
        for (var i = 0; i < labels.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], epsilon, 1 - epsilon);
            sum -= labels[i] > 0.5f ? Math.Log(p) : Math.Log(1 - p);
        }
        return labels.Count == 0 ? 0 : sum / labels.Count;
    }
}
