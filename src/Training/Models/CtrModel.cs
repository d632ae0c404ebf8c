using TorchSharp;
using static TorchSharp.torch;

namespace KtvRec.Training.Models;

/// <summary>
/// A click-through-style model: from the feature indices, values and fields of a batch of rows ([batch, slots] each)
/// to the logit that the row is positive ([batch]).
/// </summary>
public abstract class CtrModel(string name) : nn.Module<Tensor, Tensor, Tensor, Tensor>(name)
{
    /// <summary>Sum of squares of the embeddings this batch looks up, per row: L2 on what is used, as in DeepCTR.</summary>
    public abstract Tensor EmbeddingPenalty(Tensor indices, Tensor values);

    /// <summary>
    /// The logits of rows made of one shared part ([1, shared slots]: a request's user and context) and a part of
    /// their own ([batch, slots]: each candidate song): the same as <c>forward</c> on the joined rows, with the shared
    /// part looked up and summed once.
    /// </summary>
    public abstract Tensor ForwardShared(
        Tensor sharedIndices, Tensor sharedValues, Tensor sharedFields, Tensor indices, Tensor values, Tensor fields);

    public static CtrModel Create(ModelShape shape) => shape.Kind switch
    {
        ModelKind.Lr => new LogisticRegression(shape.FeatureCount),
        ModelKind.Fm => new FactorizationMachine(shape.FeatureCount, shape.EmbeddingDim),
        ModelKind.DeepFm => new DeepFm(shape),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape.Kind, "Unknown model kind."),
    };
}
