using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Models;

public sealed class ModelGrowthTests
{
    [Fact]
    public void AModelOfAnotherShapeCannotBeGrown()
    {
        var space = SmallVenue.Space;
        var options = SmallVenue.Options();
        using var model = CtrModel.Create(VenueTraining.Shape(options, space));
        var wider = VenueTraining.Shape(options with { Hidden = [64] }, space);

        Assert.Throws<ArgumentException>(() => ModelGrowth.Grow(model, wider, [.. Enumerable.Range(0, space.Size)]));
    }

    /// <summary>
    /// A model trained on the small venue's first ten days, grown into the vocabulary of the whole fortnight: until it
    /// trains, it scores every row of the fortnight exactly as the model did, the tokens it did not know included
    /// (they start as their field's out-of-vocabulary row, which is what the model gave them).
    /// </summary>
    [Theory]
    [InlineData(ModelKind.Lr)]
    [InlineData(ModelKind.Fm)]
    [InlineData(ModelKind.DeepFm)]
    public void AGrownModelScoresEveryRowAsTheModelItGrewFrom(ModelKind kind)
    {
        var venue = SmallVenue.Snapshot;
        var cut = venue.Events.Min(e => e.OccurredAt).AddDays(10);
        var early = SmallVenue.RankerRows(venue with { Events = [.. venue.Events.Where(e => e.OccurredAt <= cut)] });
        var space = early.FitSpace(minCount: 2);
        var options = SmallVenue.Options(kind);
        var shape = VenueTraining.Shape(options, space);
        using var model = new ModelTrainer(options.Trainer with { Epochs = 1 }).Train(shape, early.Encode(space), null).Model;

        var whole = SmallVenue.RankerRows(venue);
        var (grownSpace, startFrom) = whole.ExtendSpace(space);
        using var grown = ModelGrowth.Grow(model, VenueTraining.Shape(options, grownSpace), startFrom);

        Assert.True(grownSpace.Size > space.Size, "the fortnight holds tokens the first ten days did not");
        var before = Predictor.Predict(model, whole.Encode(space));
        var after = Predictor.Predict(grown, whole.Encode(grownSpace));
        Assert.Equal(before.Length, after.Length);
        for (var i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i], 1e-5);
    }
}
