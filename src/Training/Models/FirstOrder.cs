using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KtvRec.Training.Models;

/// <summary>The linear part every model shares: a global bias plus one weight per feature, times its value.</summary>
public sealed class FirstOrder : Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding _weights;
    private readonly Parameter _bias;

    public FirstOrder(int featureCount) : base(nameof(FirstOrder))
    {
        _weights = Embedding(featureCount, 1, padding_idx: 0);
        _bias = Parameter(zeros(1));
        RegisterComponents();
        using (no_grad()) _weights.weight!.zero_();
    }

    public override Tensor forward(Tensor indices, Tensor values) => Weights(indices, values).add(_bias, Scalars.One);

    /// <summary>The bias and each feature's weight, as managed arrays.</summary>
    public (float Bias, float[] Weights) Export() => (ModelWeights.ToArray(_bias)[0], ModelWeights.ToArray(_weights.weight!));

    /// <summary>The weights of these features times their values, summed per row, without the bias.</summary>
    public Tensor Weights(Tensor indices, Tensor values) => (_weights.forward(indices).squeeze(-1) * values).sum(1);
}
