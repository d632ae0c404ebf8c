using KtvRec.Training.Data;
using KtvRec.Training.Metrics;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

/// <summary>evaluate: train on one labeled file, report test metrics on another, for comparison with other implementations.</summary>
public static class EvaluateCommand
{
    private const double EarlyStoppingShare = 0.1;

    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var trainPath = args.RequiredText("train");
        var testPath = args.RequiredText("test");
        var format = args.Choice("format", "", DatasetReader.FormatNames.ToDictionary(f => f));
        if (format == "") throw new UsageException("--format is required: libfm, libffm or csv.");
        var minCount = args.Int("min-count", 1, 1, 1_000_000);
        var json = args.Text("json");
        var (kind, embeddingDim, hidden, dropout, trainer) = ModelArguments.Read(args, defaultDropout: 0);
        args.RefuseUnknown();

        var fields = DatasetReader.Fields(trainPath, format);
        var slots = 0;
        var space = FeatureSpace.Fit(fields, DatasetReader.Read(trainPath, format, fields).Select(row =>
        {
            slots = Math.Max(slots, row.Features.Count);
            return row;
        }), minCount);
        var all = FeatureTable.Encode(space, DatasetReader.Read(trainPath, format, fields), slots);
        var test = FeatureTable.Encode(space, DatasetReader.Read(testPath, format, fields), slots);
        if (all.Count < 2 || test.Count == 0) throw new InvalidDataException("The train file needs at least 2 rows and the test file at least 1.");

        // The train file's last rows stop training early; files are usually in time order, so they are the newest.
        var cut = Math.Max(1, (int)(all.Count * (1 - EarlyStoppingShare)));
        var train = all.Take(Enumerable.Range(0, cut).ToList());
        var validation = all.Take(Enumerable.Range(cut, all.Count - cut).ToList());

        var shape = new ModelShape(kind, space.Size, space.FieldCount, embeddingDim, hidden, dropout);
        var result = new ModelTrainer(trainer).Train(shape, train, validation, JsonOutput.Progress(error));
        using var model = result.Model;
        var probabilities = Predictor.Predict(model, test, Devices.Resolve(trainer.Device));

        await JsonOutput.WriteAsync(new Dictionary<string, object?>
        {
            ["model"] = kind.ToString().ToLowerInvariant(),
            ["auc"] = BinaryMetrics.Auc(test.Labels, probabilities),
            ["logloss"] = BinaryMetrics.LogLoss(test.Labels, probabilities),
            ["validation_auc"] = result.ValidationAuc,
            ["epochs"] = result.Epochs.Count,
            ["best_epoch"] = result.BestEpoch,
            ["train_seconds"] = result.TrainSeconds,
            ["train_samples_per_sec"] = result.SamplesPerSecond,
            ["train_rows"] = train.Count,
            ["validation_rows"] = validation.Count,
            ["test_rows"] = test.Count,
            ["fields"] = space.FieldCount,
            ["features"] = space.Size,
            ["batch_size"] = trainer.BatchSize,
            ["threads"] = TorchSharp.torch.get_num_threads(),
        }, json, output);
        return 0;
    }
}
