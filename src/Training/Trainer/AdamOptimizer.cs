using KtvRec.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KtvRec.Training.Trainer;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) as <c>torch.optim.Adam</c> computes it, with no C# number left for the finalizer to
/// free. TorchSharp 0.107's own Adam turns its betas and step size into new native Scalars every step that only the
/// finalizer frees, and the finalizer can run while libtorch still reads one: a retrain that trained several models in
/// a row crashed in <c>Adam.step</c> with "Expected false to be true … toDouble at Scalar.h:140" (see Models/Scalars).
/// Here the constants live as long as the optimizer and the per-step ones are disposed by the step that made them;
/// every call names its alpha, since <c>add_(Scalar)</c> alone makes a new Scalar for its implicit alpha of 1.
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _oneMinusBeta1 = (1 - Beta1).ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _oneMinusBeta2 = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();
    private long _steps;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = parameters.ToArray();
        _firstMoments = Array.ConvertAll(_parameters, p => zeros_like(p).DetachFromDisposeScope());
        _secondMoments = Array.ConvertAll(_parameters, p => zeros_like(p).DetachFromDisposeScope());
        LearningRate = learningRate;
    }

    public double LearningRate { get; set; }

    public void ZeroGrad()
    {
        foreach (var parameter in _parameters) parameter.grad?.zero_();
    }

    public void Step()
    {
        _steps++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, _steps);
        var biasCorrection2 = 1 - Math.Pow(Beta2, _steps);
        using var stepSize = (-LearningRate / biasCorrection1).ToScalar();
        using var secondMomentScale = Math.Sqrt(biasCorrection2).ToScalar();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _parameters[i].grad;
            if (gradient is null) continue;
            _firstMoments[i].mul_(_beta1).add_(gradient, _oneMinusBeta1);
            _secondMoments[i].mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(secondMomentScale).add_(_epsilon, Scalars.One);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _firstMoments.Concat(_secondMoments)) tensor.Dispose();
        foreach (var scalar in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon }) scalar.Dispose();
    }
}
