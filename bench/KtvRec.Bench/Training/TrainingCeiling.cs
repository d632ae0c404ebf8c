using System.Diagnostics;
using KtvRec.Training.Data;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;
using static TorchSharp.torch;

namespace KtvRec.Bench.Training;

/// <summary>
/// What libtorch alone does with the same net: the whole training table as tensors built once, one epoch of
/// contiguous batches through forward, the same loss, backward and Adam's step. No shuffling copies, gradient
/// clipping, loss read-back or validation: the trainer's overhead is everything it does beyond this.
/// </summary>
public static class TrainingCeiling
{
    /// <returns>Samples per second over one epoch.</returns>
    public static double OneEpoch(ModelShape shape, FeatureTable train, TrainerOptions options)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(options.Seed);
        long[] shapeOfTable = [train.Count, train.Slots];
        var indices = tensor(train.Indices, shapeOfTable);
        var values = tensor(train.Values, shapeOfTable);
        var fields = tensor(train.Fields, shapeOfTable);
        var labels = tensor(train.Labels);
        using var model = CtrModel.Create(shape);
        model.train();
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);

        var clock = Stopwatch.StartNew();
        for (long first = 0; first < train.Count; first += options.BatchSize)
        {
            using var batch = NewDisposeScope();
            var rows = Math.Min(options.BatchSize, train.Count - first);
            var batchIndices = indices.narrow(0, first, rows);
            var batchValues = values.narrow(0, first, rows);
            optimizer.zero_grad();
            var logits = model.forward(batchIndices, batchValues, fields.narrow(0, first, rows));
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, labels.narrow(0, first, rows))
                + options.L2 * model.EmbeddingPenalty(batchIndices, batchValues).mean();
            loss.backward();
            optimizer.step();
        }
        return train.Count / clock.Elapsed.TotalSeconds;
    }
}
