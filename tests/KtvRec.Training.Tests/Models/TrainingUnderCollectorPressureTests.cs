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
        var data = SmallVenue.Dataset.Value;
        var shape = new ModelShape(kind, data.Space.Size, data.Space.FieldCount, 8, [16, 16], 0.1);
        var options = SmallVenue.Options().Trainer with { Epochs = 2 };
        float[] predictions = [];

        CollectorPressure.Run(() =>
        {
            using var model = new ModelTrainer(options).Train(shape, data.Train, data.Validation).Model;
            predictions = Predictor.Predict(model, data.Validation);
        });

        Assert.All(predictions, p => Assert.InRange(p, 0f, 1f));
        Assert.True(BinaryMetrics.Auc(data.Validation.Labels, predictions) > 0.6);
    }
}
