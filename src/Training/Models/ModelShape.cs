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
    public IReadOnlyList<int> HiddenLayers => Hidden ?? [400, 400, 400];
}
