namespace KtvRec.Training.Metrics;

/// <summary>Top-K quality of one user's ranked list against the songs they actually sang.</summary>
public static class RankingMetrics
{
    /// <summary>Hits in the top K over min(relevant, K): 1 when the top K is as full of hits as it can be.</summary>
    public static double RecallAtK(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        if (relevant.Count == 0) return 0;
        var hits = ranked.Take(k).Count(relevant.Contains);
        return (double)hits / Math.Min(relevant.Count, k);
    }

    /// <summary>Discounted gain of the hits in the top K over the best possible ordering.</summary>
    public static double NdcgAtK(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        if (relevant.Count == 0) return 0;
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.Contains(ranked[i])) dcg += 1 / Math.Log2(i + 2);
        }
        var ideal = 0.0;
        for (var i = 0; i < Math.Min(k, relevant.Count); i++) ideal += 1 / Math.Log2(i + 2);
        return dcg / ideal;
    }
}
