using KtvRec.Training.Data;
using KtvRec.Training.Models;
using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

public static class Predictor
{
    private const int BatchSize = 8192;

    /// <summary>
    /// Probabilities for every row, without gradients. The model must already be in evaluation mode (the trainer and
    /// the model loader leave it so): a served model is shared by requests and never mutated, not even its mode.
    /// </summary>
    public static float[] Predict(CtrModel model, FeatureTable table, Device? device = null)
    {
        device ??= CPU;
        var probabilities = new float[table.Count];
        // Buffers no larger than the table: a request scoring 500 candidates must not allocate for 8,192 rows.
        var batchSize = Math.Clamp(table.Count, 1, BatchSize);
        var batches = new Batches(table, batchSize);
        for (var batch = 0; batch < batches.Count(table.Count); batch++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (indices, values, fields, _) = batches.Get(batch, order: null, device);
            var scores = model.forward(indices, values, fields).sigmoid().cpu();
            scores.data<float>().CopyTo(probabilities, batch * batchSize);
        }
        return probabilities;
    }

    /// <summary>Each row's side sum ([rows × dimension], row-major) and own score, as <see cref="CtrModel.SideVectors"/> gives them.</summary>
    public static (float[] Sums, float[] Own, int Dimension) SideVectors(CtrModel model, FeatureTable table, Device? device = null)
    {
        device ??= CPU;
        var batchSize = Math.Clamp(table.Count, 1, BatchSize);
        var batches = new Batches(table, batchSize);
        var own = new float[table.Count];
        float[] sums = [];
        var dimension = 0;
        for (var batch = 0; batch < batches.Count(table.Count); batch++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (indices, values, _, _) = batches.Get(batch, order: null, device);
            var (sum, ownScore) = model.SideVectors(indices, values);
            if (batch == 0)
            {
                dimension = (int)sum.shape[1];
                sums = new float[table.Count * dimension];
            }
            // A model without embeddings (LR) has sums of width 0: nothing to copy.
            if (dimension > 0) sum.cpu().contiguous().data<float>().CopyTo(sums, batch * batchSize * dimension);
            ownScore.cpu().data<float>().CopyTo(own, batch * batchSize);
        }
        return (sums, own, dimension);
    }

    /// <summary>
    /// Probabilities for rows made of one shared part (<paramref name="shared"/>, one row: a request's user and context)
    /// and each row of <paramref name="table"/> (the candidates), as <see cref="Predict"/> would give for the joined rows.
    /// </summary>
    public static float[] PredictShared(CtrModel model, FeatureTable shared, FeatureTable table, Device? device = null)
    {
        if (shared.Count != 1) throw new ArgumentException("The shared part is one row.", nameof(shared));
        device ??= CPU;
        var probabilities = new float[table.Count];
        var batchSize = Math.Clamp(table.Count, 1, BatchSize);
        var batches = new Batches(table, batchSize);
        var sharedBatch = new Batches(shared, 1);
        for (var batch = 0; batch < batches.Count(table.Count); batch++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (sharedIndices, sharedValues, sharedFields, _) = sharedBatch.Get(0, order: null, device);
            var (indices, values, fields, _) = batches.Get(batch, order: null, device);
            var scores = model.ForwardShared(sharedIndices, sharedValues, sharedFields, indices, values, fields).sigmoid().cpu();
            scores.data<float>().CopyTo(probabilities, batch * batchSize);
        }
        return probabilities;
    }
}
