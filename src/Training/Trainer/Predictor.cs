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
    public static float[] Predict(CtrModel model, IRowSource table, Device? device = null)
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
}
