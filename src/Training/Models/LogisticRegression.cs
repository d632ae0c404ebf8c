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

    public override ModelWeights Export()
    {
        var (bias, weights) = _linear.Export();
        return new ModelWeights(bias, weights, [], 0, []);
    }

    public override Tensor EmbeddingPenalty(Tensor indices, Tensor values) => zeros(indices.shape[0], device: indices.device);
}
