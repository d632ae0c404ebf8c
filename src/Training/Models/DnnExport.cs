using TorchSharp.Modules;

namespace KtvRec.Training.Models;

/// <summary>A DNN's linear layers as managed arrays, each batch normalisation folded into the layer before it.</summary>
internal static class DnnExport
{
    public static List<DenseLayer> Layers(Sequential dnn)
    {
        var layers = new List<DenseLayer>();
        foreach (var module in dnn.children())
        {
            switch (module)
            {
                case Linear linear:
                    layers.Add(new DenseLayer(ModelWeights.ToArray(linear.weight!), ModelWeights.ToArray(linear.bias!)));
                    break;
                case BatchNormalization norm:
                    layers[^1] = Fold(layers[^1], norm);
                    break;
                // ReLU follows every hidden layer; dropout does nothing in evaluation.
            }
        }
        return layers;
    }

    /// <summary>
    /// In evaluation, batch normalisation is y = (x − mean) / √(var + ε) · γ + β: a scale a and shift c per output,
    /// so the layer before becomes a·W and a·b + c.
    /// </summary>
    private static DenseLayer Fold(DenseLayer layer, BatchNormalization norm)
    {
        var mean = ModelWeights.ToArray(norm.RunningMean);
        var variance = ModelWeights.ToArray(norm.RunningVariance);
        var gamma = ModelWeights.ToArray(norm.Weight);
        var beta = ModelWeights.ToArray(norm.Bias);
        var weights = (float[])layer.Weights.Clone();
        var bias = new float[layer.Outputs];
        for (var o = 0; o < layer.Outputs; o++)
        {
            var scale = gamma[o] / MathF.Sqrt(variance[o] + (float)BatchNormalization.Epsilon);
            for (var i = 0; i < layer.Inputs; i++) weights[o * layer.Inputs + i] *= scale;
            bias[o] = scale * (layer.Bias[o] - mean[o]) + beta[o];
        }
        return new DenseLayer(weights, bias);
    }
}
