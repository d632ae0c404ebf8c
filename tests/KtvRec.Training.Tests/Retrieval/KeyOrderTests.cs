using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class KeyOrderTests
{
    [Fact]
    public void OrdersIndexesByTheirKeysHighestFirstWithTiesToTheLowerIndexAsAStableSortWould()
    {
        var random = new Random(11);
        // Few distinct keys, so ties are common; a subset of the indexes, as the rest of a list is.
        var keys = Enumerable.Range(0, 600).Select(_ => (double)random.Next(40)).ToArray();
        var indexes = Enumerable.Range(0, keys.Length).Where(i => i % 3 != 0).ToArray();

        var expected = indexes.OrderByDescending(i => keys[i]).ThenBy(i => i).ToArray();
        Assert.Equal(expected, KeyOrder.Descending([.. indexes], keys));
    }

    [Fact]
    public void OrdersFloatKeysTheSameWayWithNegativeKeysAndTies()
    {
        var random = new Random(12);
        float[] levels = [-3.5f, -1f, -1e-7f, 0f, 1e-7f, 0.25f, 0.5f, 2f, float.MaxValue, float.MinValue];
        var keys = Enumerable.Range(0, 500).Select(_ => levels[random.Next(levels.Length)]).ToArray();

        var expected = Enumerable.Range(0, keys.Length).OrderByDescending(i => keys[i]).ThenBy(i => i).ToArray();
        Assert.Equal(expected, KeyOrder.Descending(keys));
        Assert.Equal(expected, KeyOrder.Descending(Enumerable.Range(0, keys.Length).ToArray(), Array.ConvertAll(keys, k => (double)k)));
    }
}
