using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Models;

public sealed class BestEpochTests
{
    [Fact]
    public void TheReturnedModelIsTheBestEpochsModel()
    {
        var (_, train, validation) = SmallVenue.Rows.Value;
        var shape = new ModelShape(ModelKind.DeepFm, SmallVenue.Space.Size, SmallVenue.Space.FieldCount, 8, [32, 32], 0.1);
        var options = SmallVenue.Options().Trainer with { Epochs = 6, LearningRate = 1e-2 };

        var result = new ModelTrainer(options).Train(shape, train, validation);
        using var model = result.Model;

        Assert.True(result.BestEpoch < result.Epochs.Count, "the last epoch was the best, so restoring it proves nothing");
        var auc = BinaryMetrics.Auc(validation.Labels, Predictor.Predict(model, validation));
        Assert.Equal(result.ValidationAuc, auc, 6);
        Assert.Equal(result.Epochs.Max(e => e.ValidationAuc), result.ValidationAuc);
    }
}
