using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Trainer;

public sealed class EpochSelectionTests
{
    [Fact]
    public void ALaterEpochThatGainsLessThanItsNoiseDoesNotReplaceTheKeptOne()
    {
        // Higher on average (+0.005), but half the users gained and half lost far more than that.
        var kept = Enumerable.Repeat(0.2, 200).ToArray();
        var later = kept.Select((x, i) => x + (i % 2 == 0 ? 0.105 : -0.095)).ToArray();

        Assert.True(later.Average() > kept.Average());
        Assert.False(EpochSelection.ClearlyBetter(later, kept));
    }

    [Fact]
    public void ALaterEpochThatGainsForUserAfterUserReplacesTheKeptOne()
    {
        var kept = Enumerable.Range(0, 200).Select(i => 0.1 + i % 7 * 0.01).ToArray();
        var later = kept.Select((x, i) => x + 0.004 + (i % 3 - 1) * 0.002).ToArray();

        Assert.True(EpochSelection.ClearlyBetter(later, kept));
        Assert.False(EpochSelection.ClearlyBetter(kept, later));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 3)]
    public void TheTrainerKeepsTheLastEpochThatWasClearlyBetterThanTheOneBefore(bool eachEpochGains, int kept)
    {
        var (_, train, validation) = SmallVenue.Rows.Value;
        var shape = new ModelShape(ModelKind.DeepFm, SmallVenue.Space.Size, SmallVenue.Space.FieldCount, 8, [32, 32], 0.1);
        var options = SmallVenue.Options().Trainer with { Epochs = 3, LearningRate = 1e-2, Patience = 3 };
        // Without gains, half the users score 0.01 higher and half 0.01 lower each epoch: the mean never moves.
        var calls = 0;
        double[] Ranking(CtrModel model)
        {
            calls++;
            return [.. Enumerable.Range(0, 100).Select(i => eachEpochGains ? 0.3 + calls * 0.01 : 0.3 + (i + calls) % 2 * 0.01)];
        }

        var result = new ModelTrainer(options).Train(shape, train, validation, ranking: Ranking);
        using var model = result.Model;

        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(kept, result.BestEpoch);
    }
}
