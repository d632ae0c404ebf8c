using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Tests.Retrieval;

public sealed class TopKTests
{
    [Fact]
    public void KeepsTheHighestScoresBestFirstWithTiesToTheLowerIdAsAFullSortWould()
    {
        var random = new Random(7);
        // Few distinct scores, so ties are common.
        var scores = Enumerable.Range(0, 5000).Select(_ => (double)random.Next(100)).ToArray();
        var top = new TopK(50);
        for (var id = 0; id < scores.Length; id++) top.Add(scores[id], id);

        var sorted = Enumerable.Range(0, scores.Length).OrderByDescending(id => scores[id]).ThenBy(id => id).Take(50);
        Assert.Equal(sorted, top.TakeOrdered());
    }

    [Fact]
    public void FewerItemsThanKeptAreAllReturnedAndAHeapOfNoneKeepsNothing()
    {
        var top = new TopK(10);
        top.Add(1, 3);
        top.Add(2, 4);
        Assert.Equal([4, 3], top.TakeOrdered());

        var none = new TopK(0);
        Assert.False(none.Admits(5, 1));
        none.Add(5, 1);
        Assert.Empty(none.TakeOrdered());
    }

    [Fact]
    public void ReadLazilyEveryPositionComesInTheOrderOfAFullSort()
    {
        var random = new Random(3);
        var scores = Enumerable.Range(0, 500).Select(_ => (double)random.Next(40)).ToArray();

        var sorted = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        Assert.Equal(sorted, ScoreOrder.InOrder(scores, 40));
        Assert.Equal(sorted.Take(10), ScoreOrder.InOrder(scores, 40).Take(10));
        Assert.Equal(sorted, ScoreOrder.InOrder(scores, 1000));
    }
}
