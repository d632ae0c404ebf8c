namespace KtvRec.Bench;

internal static class Latency
{
    /// <summary>One line: count, p50, p95, p99 and throughput of the measured requests.</summary>
    public static string Line(string what, List<double> latencies, int itemsPerRequest, string unit)
    {
        latencies.Sort();
        double At(double quantile) => latencies[Math.Min(latencies.Count - 1, (int)(quantile * latencies.Count))];
        var perSecond = itemsPerRequest * latencies.Count / (latencies.Sum() / 1000);
        return $"{what,-16} n={latencies.Count,5}  p50={At(0.50),8:F2} ms  p95={At(0.95),8:F2} ms  p99={At(0.99),8:F2} ms  {perSecond,9:F0} {unit}/s";
    }
}
