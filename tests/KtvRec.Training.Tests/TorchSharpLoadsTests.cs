using static TorchSharp.torch;

namespace KtvRec.Training.Tests;

public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void ATensorIsCreatedAndABackwardPassRuns()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 1f, 2f, 3f }, requires_grad: true);

        var loss = (x * x).sum();
        loss.backward();

        Assert.Equal(new[] { 2f, 4f, 6f }, x.grad!.data<float>().ToArray());
    }
}
