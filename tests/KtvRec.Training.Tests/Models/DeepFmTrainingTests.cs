using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Models;

public sealed class DeepFmTrainingTests
{
    [Fact]
    public void DeepFmLearnsTheSimulatedVenueAndItsListsBeatPopularity()
    {
        var (model, report) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options());
        using (model)
        {
            Assert.True(report.Auc > 0.7, $"AUC {report.Auc:F3} on the epoch users' candidates");
            Assert.True(report.Ranking.Model.Recall > report.Ranking.Popularity.Recall,
                $"Recall@20 {report.Ranking.Model.Recall:F3} vs popularity {report.Ranking.Popularity.Recall:F3}");
            Assert.Equal(ModelKind.DeepFm, model.Metadata.Shape.Kind);
            Assert.InRange(report.BestEpoch, 1, 4);
        }
    }

    [Theory]
    [InlineData(ModelKind.Lr)]
    [InlineData(ModelKind.Fm)]
    public void TheBaselinesTrainToo(ModelKind kind)
    {
        var (model, report) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options(kind));
        using (model) Assert.True(report.Auc > 0.65, $"{kind} AUC {report.Auc:F3}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameModel()
    {
        var (_, train, validation) = SmallVenue.Rows.Value;
        var shape = new ModelShape(ModelKind.DeepFm, SmallVenue.Space.Size, SmallVenue.Space.FieldCount, 8, [16], 0.1);
        var options = SmallVenue.Options().Trainer with { Epochs = 2 };

        using var first = new ModelTrainer(options).Train(shape, train, validation).Model;
        using var second = new ModelTrainer(options).Train(shape, train, validation).Model;

        Assert.Equal(Predictor.Predict(first, validation), Predictor.Predict(second, validation));
    }

    [Fact]
    public void ASavedModelLoadsAndPredictsExactlyTheSame()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ktvrec-model-{Guid.NewGuid():N}");
        var (trained, _) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options() with
        {
            Trainer = SmallVenue.Options().Trainer with { Epochs = 1 },
        });
        try
        {
            float[] expected;
            var rows = SmallVenue.Rows.Value.Rows.HeldOut.Encode(trained.Space);
            using (trained)
            {
                ModelDirectory.Save(trained, directory);
                expected = Predictor.Predict(trained.Model, rows);
            }

            using var loaded = ModelDirectory.Load(directory);

            Assert.Equal(expected, Predictor.Predict(loaded.Model, rows));
            Assert.Equal(trained.Metadata.Version, loaded.Metadata.Version);
            Assert.NotNull(loaded.Metadata.Blend);
            Assert.Equal(trained.Metadata.Blend, loaded.Metadata.Blend);
            Assert.Equal(trained.Space.Size, loaded.Space.Size);
            Assert.Equal(trained.Space.IndexOf(0, SmallVenue.Snapshot.Songs[7].Id), loaded.Space.IndexOf(0, SmallVenue.Snapshot.Songs[7].Id));
            Assert.True(loaded.Metadata.Metrics["auc"] > 0.5);
            Assert.Equal(trained.Similarity.Ease.Songs, loaded.Similarity.Ease.Songs);
            Assert.Equal(trained.Similarity.Walk.Lists.SelectMany(l => l), loaded.Similarity.Walk.Lists.SelectMany(l => l));
            Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(directory)!, ".tmp-*"));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ACorruptWeightsFileOrAnOlderModelIsAClearError()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ktvrec-model-{Guid.NewGuid():N}");
        var (trained, _) = VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options() with
        {
            Kind = ModelKind.Lr,
            Trainer = SmallVenue.Options().Trainer with { Epochs = 1 },
        });
        try
        {
            using (trained) ModelDirectory.Save(trained, directory);
            File.WriteAllBytes(Path.Combine(directory, ModelDirectory.WeightsFile), [1, 2, 3]);
            Assert.Contains(directory, Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(directory)).Message);

            var metadata = Path.Combine(directory, ModelDirectory.MetadataFile);
            File.WriteAllText(metadata, File.ReadAllText(metadata).Replace($"\"format\": {ModelMetadata.CurrentFormat}", "\"format\": 1"));
            Assert.Contains("format 1", Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(directory)).Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
