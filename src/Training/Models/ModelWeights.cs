using static TorchSharp.torch;

namespace KtvRec.Training.Models;

/// <summary>One fully connected layer of a DNN: <c>Weights</c> is [outputs × inputs], row-major.</summary>
public sealed record DenseLayer(float[] Weights, float[] Bias)
{
    public int Outputs => Bias.Length;
    public int Inputs => Weights.Length / Bias.Length;
}

/// <summary>
/// A trained model's parameters as managed arrays, in evaluation form (batch normalisation folded into the layer
/// before it, dropout gone), so serving computes exactly what <c>forward</c> does without calling libtorch.
/// </summary>
/// <param name="FirstOrder">One weight per feature.</param>
/// <param name="Embeddings">[features × <paramref name="Dimension"/>], row-major; empty without embeddings (LR).</param>
/// <param name="Dnn">The DNN's layers, a ReLU after each but the last (whose one output joins the logit); empty without a DNN.</param>
public sealed record ModelWeights(float Bias, float[] FirstOrder, float[] Embeddings, int Dimension, IReadOnlyList<DenseLayer> Dnn)
{
    internal static float[] ToArray(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().contiguous().data<float>().ToArray();
    }
}
