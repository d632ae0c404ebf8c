using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace KtvRec.Training.Scoring;

/// <summary>
/// A fully connected layer over a batch of rows in managed SIMD, as a small matrix product: a block of rows against
/// two vectors of outputs, so each loaded vector of weights serves every row of the block and the sums stay in
/// registers, and a block of weights (inputs × two vectors) stays in the L1 cache while every row passes it. With
/// AVX-512 the block is six rows by two 512-bit vectors (twelve sums of the 32 registers); otherwise four rows by two
/// <see cref="Vector{T}"/> (eight of 16); the wide one is about twice as fast where AVX-512 exists (docs/architecture.md,
/// hot-swap). No branch on the data: skipping the zeros a ReLU
/// leaves cost more in mispredicted branches than the multiplications it saved.
/// </summary>
internal static class DenseKernel
{
    private const int WideRows = 6;
    private const int NarrowRows = 4;
    private const int StackFloats = 6 * 512;

    /// <param name="input">[rows × inputs], row-major.</param>
    /// <param name="transposed">The layer's weights as [inputs × outputs], row-major.</param>
    /// <param name="output">[rows × outputs], row-major.</param>
    public static void Forward(ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, bool relu) =>
        Forward(input, rows, transposed, bias, output, relu, wide: Vector512.IsHardwareAccelerated);

    /// <param name="wide">Whether to use the AVX-512 block (tests run both on a machine that has it).</param>
    internal static void Forward(
        ReadOnlySpan<float> input, int rows, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, bool relu, bool wide)
    {
        var outputs = bias.Length;
        var inputs = transposed.Length / outputs;
        var (rowBlock, width) = wide ? (WideRows, Vector512<float>.Count) : (NarrowRows, Vector<float>.Count);
        var blocked = outputs - outputs % (2 * width);
        var grouped = rows - rows % rowBlock;
        for (var o = 0; o < blocked; o += 2 * width)
        {
            for (var row = 0; row < grouped; row += rowBlock)
            {
                if (wide) WideBlock(input, row, inputs, transposed, bias, output, outputs, o, relu);
                else NarrowBlock(input, row, inputs, transposed, bias, output, outputs, o, relu);
            }
        }
        // The last rows (fewer than a block) through the same blocks, padded with zero rows.
        if (grouped < rows && blocked > 0)
        {
            var left = rows - grouped;
            // On the stack: a request scores several batches, and two small arrays each were 40 % of a room's garbage.
            Span<float> padded = rowBlock * inputs <= StackFloats ? stackalloc float[rowBlock * inputs] : new float[rowBlock * inputs];
            Span<float> result = rowBlock * outputs <= StackFloats ? stackalloc float[rowBlock * outputs] : new float[rowBlock * outputs];
            padded.Slice(left * inputs).Clear();
            input.Slice(grouped * inputs, left * inputs).CopyTo(padded);
            Forward(padded, rowBlock, transposed, bias, result, relu, wide);
            for (var row = 0; row < left; row++)
                result.Slice(row * outputs, blocked).CopyTo(output.Slice((grouped + row) * outputs, blocked));
        }
        // The last outputs (fewer than two vectors; the output layer's one): each a dot product with its column.
        Span<float> column = inputs <= 1024 ? stackalloc float[inputs] : new float[inputs];
        for (var o = blocked; o < outputs; o++)
        {
            for (var k = 0; k < inputs; k++) column[k] = transposed[k * outputs + o];
            for (var row = 0; row < rows; row++)
            {
                var sum = bias[o] + TensorPrimitives.Dot(input.Slice(row * inputs, inputs), column);
                output[row * outputs + o] = relu ? MathF.Max(sum, 0) : sum;
            }
        }
    }

    /// <summary>Rows row..row+5 by outputs o..o+31.</summary>
    private static void WideBlock(
        ReadOnlySpan<float> input, int row, int inputs, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, int outputs, int o, bool relu)
    {
        const int width = 16;
        ref var w = ref MemoryMarshal.GetReference(transposed);
        ref var x = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), row * inputs);
        var b0 = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)o);
        var b1 = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)(o + width));
        var (a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51) = (b0, b1, b0, b1, b0, b1, b0, b1, b0, b1, b0, b1);
        for (var k = 0; k < inputs; k++)
        {
            var at = (nuint)(k * outputs + o);
            var w0 = Vector512.LoadUnsafe(ref w, at);
            var w1 = Vector512.LoadUnsafe(ref w, at + width);
            var v = Vector512.Create(Unsafe.Add(ref x, k));
            a00 = Vector512.FusedMultiplyAdd(w0, v, a00);
            a01 = Vector512.FusedMultiplyAdd(w1, v, a01);
            v = Vector512.Create(Unsafe.Add(ref x, inputs + k));
            a10 = Vector512.FusedMultiplyAdd(w0, v, a10);
            a11 = Vector512.FusedMultiplyAdd(w1, v, a11);
            v = Vector512.Create(Unsafe.Add(ref x, 2 * inputs + k));
            a20 = Vector512.FusedMultiplyAdd(w0, v, a20);
            a21 = Vector512.FusedMultiplyAdd(w1, v, a21);
            v = Vector512.Create(Unsafe.Add(ref x, 3 * inputs + k));
            a30 = Vector512.FusedMultiplyAdd(w0, v, a30);
            a31 = Vector512.FusedMultiplyAdd(w1, v, a31);
            v = Vector512.Create(Unsafe.Add(ref x, 4 * inputs + k));
            a40 = Vector512.FusedMultiplyAdd(w0, v, a40);
            a41 = Vector512.FusedMultiplyAdd(w1, v, a41);
            v = Vector512.Create(Unsafe.Add(ref x, 5 * inputs + k));
            a50 = Vector512.FusedMultiplyAdd(w0, v, a50);
            a51 = Vector512.FusedMultiplyAdd(w1, v, a51);
        }
        ref var y = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), row * outputs + o);
        Store(a00, a01, ref y, 0, relu);
        Store(a10, a11, ref y, (nuint)outputs, relu);
        Store(a20, a21, ref y, (nuint)(2 * outputs), relu);
        Store(a30, a31, ref y, (nuint)(3 * outputs), relu);
        Store(a40, a41, ref y, (nuint)(4 * outputs), relu);
        Store(a50, a51, ref y, (nuint)(5 * outputs), relu);
    }

    /// <summary>Rows row..row+3 by two <see cref="Vector{T}"/> of outputs from o.</summary>
    private static void NarrowBlock(
        ReadOnlySpan<float> input, int row, int inputs, ReadOnlySpan<float> transposed, ReadOnlySpan<float> bias, Span<float> output, int outputs, int o, bool relu)
    {
        var width = Vector<float>.Count;
        ref var w = ref MemoryMarshal.GetReference(transposed);
        ref var x = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), row * inputs);
        var b0 = new Vector<float>(bias[o..]);
        var b1 = new Vector<float>(bias[(o + width)..]);
        var (a00, a01, a10, a11, a20, a21, a30, a31) = (b0, b1, b0, b1, b0, b1, b0, b1);
        for (var k = 0; k < inputs; k++)
        {
            var at = (nuint)(k * outputs + o);
            var w0 = Vector.LoadUnsafe(ref w, at);
            var w1 = Vector.LoadUnsafe(ref w, at + (nuint)width);
            var v = new Vector<float>(Unsafe.Add(ref x, k));
            a00 = Vector.FusedMultiplyAdd(w0, v, a00);
            a01 = Vector.FusedMultiplyAdd(w1, v, a01);
            v = new Vector<float>(Unsafe.Add(ref x, inputs + k));
            a10 = Vector.FusedMultiplyAdd(w0, v, a10);
            a11 = Vector.FusedMultiplyAdd(w1, v, a11);
            v = new Vector<float>(Unsafe.Add(ref x, 2 * inputs + k));
            a20 = Vector.FusedMultiplyAdd(w0, v, a20);
            a21 = Vector.FusedMultiplyAdd(w1, v, a21);
            v = new Vector<float>(Unsafe.Add(ref x, 3 * inputs + k));
            a30 = Vector.FusedMultiplyAdd(w0, v, a30);
            a31 = Vector.FusedMultiplyAdd(w1, v, a31);
        }
        ref var y = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), row * outputs + o);
        Store(a00, a01, ref y, 0, width, relu);
        Store(a10, a11, ref y, (nuint)outputs, width, relu);
        Store(a20, a21, ref y, (nuint)(2 * outputs), width, relu);
        Store(a30, a31, ref y, (nuint)(3 * outputs), width, relu);
    }

    private static void Store(Vector512<float> low, Vector512<float> high, ref float destination, nuint at, bool relu)
    {
        if (relu) (low, high) = (Vector512.Max(low, Vector512<float>.Zero), Vector512.Max(high, Vector512<float>.Zero));
        low.StoreUnsafe(ref destination, at);
        high.StoreUnsafe(ref destination, at + (nuint)Vector512<float>.Count);
    }

    private static void Store(Vector<float> low, Vector<float> high, ref float destination, nuint at, int width, bool relu)
    {
        if (relu) (low, high) = (Vector.Max(low, Vector<float>.Zero), Vector.Max(high, Vector<float>.Zero));
        low.StoreUnsafe(ref destination, at);
        high.StoreUnsafe(ref destination, at + (nuint)width);
    }

    /// <summary>The ReLU of <paramref name="left"/> + <paramref name="right"/>, in one pass: a first layer's input from its two sides.</summary>
    public static void AddRelu(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> destination)
    {
        var width = Vector<float>.Count;
        var i = 0;
        for (; i + width <= destination.Length; i += width)
            Vector.Max(new Vector<float>(left[i..]) + new Vector<float>(right[i..]), Vector<float>.Zero).CopyTo(destination[i..]);
        for (; i < destination.Length; i++) destination[i] = MathF.Max(left[i] + right[i], 0);
    }

    /// <summary>[outputs × inputs] as [inputs × outputs].</summary>
    public static float[] Transpose(float[] weights, int outputs, int inputs)
    {
        var transposed = new float[weights.Length];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++) transposed[i * outputs + o] = weights[o * inputs + i];
        return transposed;
    }
}
