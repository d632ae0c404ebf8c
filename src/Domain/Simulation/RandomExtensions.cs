namespace KtvRec.Domain.Simulation;

internal static class RandomExtensions
{
    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double NextGaussian(this Random random, double mean = 0, double stdDev = 1)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + stdDev * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An index drawn in proportion to its weight.</summary>
    public static int PickWeighted(this Random random, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights) total += weight;
        var target = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>An index drawn in proportion to weights given as running totals (binary search).</summary>
    public static int PickCumulative(this Random random, double[] cumulativeWeights)
    {
        var target = random.NextDouble() * cumulativeWeights[^1];
        var index = Array.BinarySearch(cumulativeWeights, target);
        return Math.Min(index < 0 ? ~index : index, cumulativeWeights.Length - 1);
    }

    /// <summary>Running totals of weights, for <see cref="PickCumulative"/>.</summary>
    public static double[] RunningTotals(this IEnumerable<double> weights)
    {
        var total = 0.0;
        return weights.Select(weight => total += weight).ToArray();
    }
}
