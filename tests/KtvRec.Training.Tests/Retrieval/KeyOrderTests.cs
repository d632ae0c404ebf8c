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
}
