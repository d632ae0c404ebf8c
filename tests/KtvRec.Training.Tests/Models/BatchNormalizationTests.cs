using KtvRec.Training.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace KtvRec.Training.Tests.Models;

public sealed class BatchNormalizationTests
{
    [Fact]
    public void ItTrainsAndEvaluatesAsTorchSharpsBatchNorm1dAndReadsItsSavedState()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ktvrec-batchnorm-{Guid.NewGuid():N}.bin");
        using var theirs = Sequential(("norm", BatchNorm1d(6)));
        using var ours = Sequential(("norm", new BatchNormalization(6)));
        var generator = torch.manual_seed(7);
        try
        {
            Assert.Equal(Names(theirs), Names(ours));

            // Three training batches move both running statistics and counts alike.
            for (var batch = 0; batch < 3; batch++)
            {
                using var input = randn([32, 6], generator: generator) * (batch + 1) + batch;
                using var expected = theirs.forward(input);
                using var actual = ours.forward(input);
                Assert.True(allclose(expected, actual, rtol: 1e-5, atol: 1e-6), $"training batch {batch}");
            }
            AssertSameState(theirs, ours);

            // A model saved with BatchNorm1d (every DeepFM saved before this module) loads into ours and predicts the same.
            using (no_grad()) theirs.parameters().First().mul_(2.5);
            theirs.save(path);
            ours.load(path);
            theirs.eval();
            ours.eval();
            using var probe = randn([16, 6], generator: generator);
            using var saved = theirs.forward(probe);
            using var loaded = ours.forward(probe);
            Assert.True(allclose(saved, loaded, rtol: 1e-5, atol: 1e-6), "evaluation after loading");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> Names(Module module) =>
        module.named_parameters().Select(p => p.name).Concat(module.named_buffers().Select(b => b.name)).Order().ToList();

    private static void AssertSameState(Module expected, Module actual)
    {
        var theirs = expected.state_dict();
        var ours = actual.state_dict();
        foreach (var (name, tensor) in theirs)
            Assert.True(tensor.eq(ours[name]).all().item<bool>(), $"{name} differs");
    }
}
