using static TorchSharp.torch;

namespace KtvRec.Training.Models;

public sealed class LogisticRegression : CtrModel
{
    private readonly FirstOrder _linear;

    public LogisticRegression(int featureCount) : base(nameof(LogisticRegression))
    {
        _linear = new FirstOrder(featureCount);
        RegisterComponents();
    }

    public override Tensor forward(Tensor indices, Tensor values, Tensor fields) => _linear.forward(indices, values);

    public override Tensor ForwardShared(
        Tensor sharedIndices, Tensor sharedValues, Tensor sharedFields, Tensor indices, Tensor values, Tensor fields) =>
        _linear.ForwardShared(sharedIndices, sharedValues, indices, values);

    public override (Tensor Sum, Tensor Own) SideVectors(Tensor indices, Tensor values) =>
        (zeros([indices.shape[0], 0], device: indices.device), _linear.Weights(indices, values));

    public override Tensor EmbeddingPenalty(Tensor indices, Tensor values) => zeros(indices.shape[0], device: indices.device);
}
