using static TorchSharp.torch;

namespace KtvRec.Training.Models;

/// <summary>
/// A trained model carried into a larger vocabulary (<see cref="Data.FeatureSpace.Extend"/>), for an incremental
/// retrain to start from: every weight copied, each per-feature table (the embeddings, the first-order weights) grown
/// by rows that start as their field's out-of-vocabulary row. So the grown model predicts exactly what the model did,
/// for the features it knew and for the new ones alike, until training moves them.
/// </summary>
public static class ModelGrowth
{
    /// <param name="startFrom">For each row of the grown tables, the row of <paramref name="model"/>'s that it starts as.</param>
    public static CtrModel Grow(CtrModel model, ModelShape shape, int[] startFrom)
    {
        if (startFrom.Length != shape.FeatureCount)
            throw new ArgumentException($"{startFrom.Length} rows to start from for {shape.FeatureCount} features.", nameof(startFrom));
        var grown = CtrModel.Create(shape);
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var rows = tensor(startFrom, dtype: ScalarType.Int64);
            var source = model.state_dict();
            foreach (var (name, target) in grown.state_dict())
            {
                var weights = source.TryGetValue(name, out var found)
                    ? found
                    : throw new ArgumentException($"The model has no {name} to grow from: another kind or shape.", nameof(model));
                if (weights.shape.SequenceEqual(target.shape)) target.copy_(weights);
                else if (IsPerFeature(weights, target, startFrom)) target.copy_(weights.index_select(0, rows));
                else throw new ArgumentException($"{name} is [{string.Join(", ", weights.shape)}], not [{string.Join(", ", target.shape)}]: another kind or shape.", nameof(model));
            }
            grown.eval();
            return grown;
        }
        catch
        {
            grown.Dispose();
            throw;
        }
    }

    /// <summary>The same model, weights and all, to train without touching the original (which may be serving).</summary>
    public static CtrModel Copy(CtrModel model, ModelShape shape) => Grow(model, shape, [.. Enumerable.Range(0, shape.FeatureCount)]);

    private static bool IsPerFeature(Tensor weights, Tensor target, int[] startFrom) =>
        target.shape[0] == startFrom.Length && weights.shape[0] > startFrom.Max() && weights.shape.Skip(1).SequenceEqual(target.shape.Skip(1));
}
