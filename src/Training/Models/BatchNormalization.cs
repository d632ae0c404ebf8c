using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KtvRec.Training.Models;

/// <summary>
/// Batch normalisation over [batch, features], the same as TorchSharp's BatchNorm1d (momentum 0.1, ε 1e-5) and saved
/// under the same names (weight, bias, running_mean, running_var, num_batches_tracked), so models saved with either
/// load into the other. It exists for one call: in training BatchNorm1d counts the batch with <c>add_(1)</c>, which
/// passes libtorch an alpha of 1 made as a new Scalar that nothing holds, so the finalizer can free it while libtorch
/// reads it ("For integral input tensors, argument alpha must not be a floating point number": one clean-clone CI run
/// of four; counting the same way here, two runs of three of <c>TrainingUnderCollectorPressureTests</c>). This one
/// counts with held Scalars (<see cref="Scalars"/>).
/// </summary>
public sealed class BatchNormalization : Module<Tensor, Tensor>
{
    public const double Momentum = 0.1;
    public const double Epsilon = 1e-5;

    [ComponentName(Name = "weight")] private readonly Parameter _weight;
    [ComponentName(Name = "bias")] private readonly Parameter _bias;
    [ComponentName(Name = "running_mean")] private readonly Tensor _runningMean;
    [ComponentName(Name = "running_var")] private readonly Tensor _runningVariance;
    [ComponentName(Name = "num_batches_tracked")] private readonly Tensor _batchesTracked;

    public BatchNormalization(long features) : base(nameof(BatchNormalization))
    {
        _weight = Parameter(ones(features));
        _bias = Parameter(zeros(features));
        _runningMean = zeros(features);
        _runningVariance = ones(features);
        _batchesTracked = tensor(0L);
        RegisterComponents();
    }

    public Tensor Weight => _weight;
    public Tensor Bias => _bias;
    public Tensor RunningMean => _runningMean;
    public Tensor RunningVariance => _runningVariance;

    public override Tensor forward(Tensor input)
    {
        if (training)
        {
            using (no_grad()) _batchesTracked.add_(Scalars.One, Scalars.One);
        }
        return functional.batch_norm(input, _runningMean, _runningVariance, _weight, _bias, training, Momentum, Epsilon);
    }
}
