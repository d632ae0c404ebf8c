using KtvRec.Training.Trainer;
using static TorchSharp.torch;

namespace KtvRec.Training.Tests.Trainer;

public sealed class AdamOptimizerTests
{
    [Fact]
    public void ItTakesTheSameStepsAsTorchAdamIncludingAfterTheLearningRateChanges()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        var start = randn(5, 3);
        var target = randn(5, 3);
        var ours = nn.Parameter(start.clone());
        var theirs = nn.Parameter(start.clone());
        using var adam = new AdamOptimizer([ours], 0.05);
        using var reference = optim.Adam([theirs], 0.05);

        for (var step = 0; step < 30; step++)
        {
            if (step == 15)
            {
                adam.LearningRate = 0.01;
                foreach (var group in reference.ParamGroups) group.LearningRate = 0.01;
            }
            adam.ZeroGrad();
            ours.sub(target).pow(2).sum().backward();
            adam.Step();
            reference.zero_grad();
            theirs.sub(target).pow(2).sum().backward();
            reference.step();
        }

        Assert.False(ours.allclose(start), "the parameters moved");
        Assert.True(ours.allclose(theirs, rtol: 1e-5, atol: 1e-6), $"largest difference {ours.sub(theirs).abs().max().item<float>()}");
    }

    [Fact]
    public void ItStepsWhileTheGarbageCollectorAndFinalizerRun()
    {
        // Tensors big enough for each native call to take a while, so a Scalar freed under one is noticed.
        using var scope = NewDisposeScope();
        var parameter = nn.Parameter(randn(1 << 21));
        using var adam = new AdamOptimizer([parameter], 0.01);

        CollectorPressure.Run(() =>
        {
            for (var step = 0; step < 200; step++)
            {
                using var stepScope = NewDisposeScope();
                adam.ZeroGrad();
                parameter.mul(parameter).sum().backward();
                adam.Step();
            }
        });

        Assert.True(parameter.isfinite().all().item<bool>());
    }
}
