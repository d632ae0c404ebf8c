namespace KtvRec.Training.Models;

/// <summary>The hyperparameters that fix a model's tensors: what is needed to build it again before loading weights.</summary>
public sealed record ModelShape(
    ModelKind Kind,
    int FeatureCount,
    int FieldCount,
    int EmbeddingDim = 10,
    IReadOnlyList<int>? Hidden = null,
    double Dropout = 0.0,
    bool BatchNorm = true)
{
    /// <summary>
    /// The DNN's widths unless told otherwise: on the simulated venue 128-128 matched or beat Guo et al.'s 400-400-400
    /// at a tenth of the arithmetic per row, which is what serving pays (docs/model.md).
    /// </summary>
    public static readonly IReadOnlyList<int> DefaultHidden = [128, 128];

    public IReadOnlyList<int> HiddenLayers => Hidden ?? DefaultHidden;
}
