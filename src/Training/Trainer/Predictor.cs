using KtvRec.Training.Data;
using KtvRec.Training.Models;
using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

public static class Predictor
{
    private const int BatchSize = 8192;

    /// <summary>Probabilities for every row, in evaluation mode without gradients. Never mutates the model's weights.</summary>
    public static float[] Predict(CtrModel model, FeatureTable table, Device? device = null)
    {
        device ??= CPU;
        model.eval();
        var probabilities = new float[table.Count];
        var batches = new Batches(table, BatchSize);
        for (var batch = 0; batch < batches.Count(table.Count); batch++)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var (indices, values, fields, _) = batches.Get(batch, order: null, device);
            var scores = model.forward(indices, values, fields).sigmoid().cpu();
            scores.data<float>().CopyTo(probabilities, batch * BatchSize);
        }
        return probabilities;
    }
}
