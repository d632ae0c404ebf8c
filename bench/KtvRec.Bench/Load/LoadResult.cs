namespace KtvRec.Bench.Load;

/// <summary>What a load run measured: each successful request's latency, the failures, and the wall time.</summary>
public sealed class LoadResult(List<double> latencies, int failures, TimeSpan elapsed)
{
    private readonly double[] _sorted = [.. latencies.Order()];

    public int Requests => _sorted.Length;
    public int Failures { get; } = failures;
    public TimeSpan Elapsed { get; } = elapsed;
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public double Percentile(double quantile) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Min(_sorted.Length - 1, (int)(quantile * _sorted.Length))];

    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);
}
