using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Models;

public sealed class TrainingUnderCollectorPressureTests
{
    [Theory]
    [InlineData(ModelKind.DeepFm)]
    [InlineData(ModelKind.Fm)]
    [InlineData(ModelKind.Lr)]
    public void EveryModelTrainsAndPredictsWhileTheFinalizerRuns(ModelKind kind)
    {
        var (_, train, validation) = SmallVenue.Rows.Value;
        var shape = new ModelShape(kind, SmallVenue.Space.Size, SmallVenue.Space.FieldCount, 8, [16, 16], 0.1);
        var options = SmallVenue.Options().Trainer with { Epochs = 2 };
        float[] predictions = [];

        CollectorPressure.Run(() =>
        {
            using var model = new ModelTrainer(options).Train(shape, train, validation).Model;
            predictions = Predictor.Predict(model, validation);
        });

        Assert.All(predictions, p => Assert.InRange(p, 0f, 1f));
        Assert.True(BinaryMetrics.Auc(validation.Labels, predictions) > 0.6);
    }
}
