using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Models;

public sealed class DeepFmTrainingTests
{
    [Fact]
    public void DeepFmLearnsTheSimulatedVenueAndBeatsPopularity()
    {
        var (model, report, _) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options());
        using (model)
        {
            Assert.True(report.Auc > 0.75, $"AUC {report.Auc:F3}");
            Assert.True(report.Auc > report.PopularityAuc, $"AUC {report.Auc:F3} vs popularity {report.PopularityAuc:F3}");
            Assert.True(report.Ranking.Recall > report.Ranking.PopularityRecall,
                $"Recall@20 {report.Ranking.Recall:F3} vs popularity {report.Ranking.PopularityRecall:F3}");
            Assert.Equal(ModelKind.DeepFm, model.Metadata.Shape.Kind);
            Assert.InRange(report.BestEpoch, 1, 4);
        }
    }

    [Theory]
    [InlineData(ModelKind.Lr)]
    [InlineData(ModelKind.Fm)]
    public void TheBaselinesTrainToo(ModelKind kind)
    {
        var (model, report, _) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options(kind));
        using (model) Assert.True(report.Auc > 0.65, $"{kind} AUC {report.Auc:F3}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameModel()
    {
        var data = SmallVenue.Dataset.Value;
        var shape = new ModelShape(ModelKind.DeepFm, data.Space.Size, data.Space.FieldCount, 8, [16], 0.1);
        var options = SmallVenue.Options().Trainer with { Epochs = 2 };

        using var first = new ModelTrainer(options).Train(shape, data.Train, data.Validation).Model;
        using var second = new ModelTrainer(options).Train(shape, data.Train, data.Validation).Model;

        Assert.Equal(Predictor.Predict(first, data.Validation), Predictor.Predict(second, data.Validation));
    }

    [Fact]
    public void ASavedModelLoadsAndPredictsExactlyTheSame()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ktvrec-model-{Guid.NewGuid():N}");
        var (trained, _, data) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options() with
        {
            Trainer = SmallVenue.Options().Trainer with { Epochs = 1 },
        });
        try
        {
            float[] expected;
            using (trained)
            {
                ModelDirectory.Save(trained, directory);
                expected = Predictor.Predict(trained.Model, data.Validation);
            }

            using var loaded = ModelDirectory.Load(directory);

            Assert.Equal(expected, Predictor.Predict(loaded.Model, data.Validation));
            Assert.Equal(trained.Metadata.Version, loaded.Metadata.Version);
            Assert.Equal(data.Space.Size, loaded.Space.Size);
            Assert.Equal(data.Space.IndexOf(0, "u00001"), loaded.Space.IndexOf(0, "u00001"));
            Assert.True(loaded.Metadata.Metrics["auc"] > 0.5);
            Assert.Equal(trained.Neighbours.Songs, loaded.Neighbours.Songs);
            Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(directory)!, ".tmp-*"));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ACorruptWeightsFileIsAClearError()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ktvrec-model-{Guid.NewGuid():N}");
        var (trained, _, _) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options() with
        {
            Kind = ModelKind.Lr,
            Trainer = SmallVenue.Options().Trainer with { Epochs = 1 },
        });
        try
        {
            using (trained) ModelDirectory.Save(trained, directory);
            File.WriteAllBytes(Path.Combine(directory, ModelDirectory.WeightsFile), [1, 2, 3]);

            var error = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(directory));
            Assert.Contains(directory, error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
