using System.Runtime.Intrinsics;
using KtvRec.Training.Scoring;

namespace KtvRec.Training.Tests.Scoring;

public sealed class DenseKernelTests
{
    public static TheoryData<int, int, int, bool> Shapes()
    {
        var shapes = new TheoryData<int, int, int, bool>();
        // Row counts around both blocks (4 and 6 rows), outputs with and without a remainder past whole vector pairs.
        foreach (var wide in Vector512.IsHardwareAccelerated ? new[] { false, true } : [false])
        {
            foreach (var (rows, inputs, outputs) in new[] { (1, 128, 128), (5, 128, 128), (13, 40, 128), (250, 128, 128), (7, 128, 1), (9, 64, 72) })
                shapes.Add(rows, inputs, outputs, wide);
        }
        return shapes;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ALayerOverABatchOfRowsIsEachRowsWeightedSumPlusBiasThroughTheReLU(int rows, int inputs, int outputs, bool wide)
    {
        var random = new Random(rows * 31 + outputs);
        float[] Draw(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var (input, weights, bias) = (Draw(rows * inputs), Draw(outputs * inputs), Draw(outputs));
        var output = new float[rows * outputs];

        DenseKernel.Forward(input, rows, DenseKernel.Transpose(weights, outputs, inputs), bias, output, relu: true, wide);

        for (var row = 0; row < rows; row++)
        {
            for (var o = 0; o < outputs; o++)
            {
                var sum = (double)bias[o];
                for (var k = 0; k < inputs; k++) sum += (double)input[row * inputs + k] * weights[o * inputs + k];
                Assert.Equal(Math.Max(sum, 0), output[row * outputs + o], 1e-4);
            }
        }
        Assert.Contains(output, value => value > 0);
        Assert.Contains(output, value => value == 0);
    }
}
