using KtvRec.Training.Models;

namespace KtvRec.Training.Scoring;

/// <summary>
/// A model's weights as <see cref="SideSums"/> reads them, built once per scorer: with the DNN's first layer also by
/// input (its transpose), so a feature's part of a side's projection is one multiply-add of the layer's width per
/// embedding dimension (10 of 128 floats) rather than a dot product of 10 floats per output (128).
/// </summary>
internal sealed class SideWeights
{
    public SideWeights(ModelWeights model)
    {
        Model = model;
        Hidden = model.Dnn.Count > 0 ? model.Dnn[0].Outputs : 0;
        FirstLayerByInput = model.Dnn.Count > 0 ? DenseKernel.Transpose(model.Dnn[0].Weights, model.Dnn[0].Outputs, model.Dnn[0].Inputs) : [];
    }

    public ModelWeights Model { get; }

    /// <summary>The width of the DNN's first layer (0 without a DNN).</summary>
    public int Hidden { get; }

    /// <summary>The DNN's first layer as [inputs × <see cref="Hidden"/>], row-major: input <c>i</c>'s weight to every output.</summary>
    public float[] FirstLayerByInput { get; }
}
