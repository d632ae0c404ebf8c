namespace KtvRec.Training.Retrieval;

/// <summary>
/// Indexes in the order of their keys, highest first; at the same key the lower index first, as a stable sort would
/// keep them. Sorted by the keys themselves (<see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/>) rather than
/// through a comparison delegate: lists and rooms order a few hundred candidates this way on every request.
/// </summary>
public static class KeyOrder
{
    /// <param name="indexes">Distinct indexes into <paramref name="keys"/>, in ascending order; sorted in place.</param>
    public static int[] Descending(int[] indexes, IReadOnlyList<double> keys)
    {
        var negated = new double[indexes.Length];
        for (var i = 0; i < indexes.Length; i++) negated[i] = -keys[indexes[i]];
        Array.Sort(negated, indexes);
        for (var start = 0; start < indexes.Length;)
        {
            var end = start + 1;
            while (end < indexes.Length && negated[end] == negated[start]) end++;
            if (end - start > 1) Array.Sort(indexes, start, end - start);
            start = end;
        }
        return indexes;
    }

    /// <summary>
    /// Every index of <paramref name="keys"/> in the same order (highest first, then the lower index), by sorting one
    /// number per key (<see cref="Sortable"/>) rather than sorting keys and indexes together: a room orders each
    /// member's few hundred scores this way on every request.
    /// </summary>
    public static int[] Descending(float[] keys)
    {
        var sortable = new long[keys.Length];
        for (var i = 0; i < keys.Length; i++) sortable[i] = Sortable(keys[i], i);
        Array.Sort(sortable);
        return Array.ConvertAll(sortable, IndexOf);
    }

    /// <summary>A key and its index as one number that sorts ascending in this order: the highest key first, at the same key the lower index.</summary>
    public static long Sortable(float key, int index)
    {
        var bits = BitConverter.SingleToInt32Bits(key);
        // A negative float's bits order the other way round: flipping all but the sign makes every float's order its bits'.
        bits ^= (bits >> 31) & int.MaxValue;
        return ((long)~bits << 32) | (uint)index;
    }

    /// <summary>The index a <see cref="Sortable"/> number was made with.</summary>
    public static int IndexOf(long sortable) => (int)(sortable & uint.MaxValue);

    /// <summary>Moves the <paramref name="count"/> smallest of distinct <paramref name="items"/> to its front, in no order (quickselect).</summary>
    public static void SelectSmallest(Span<long> items, int count)
    {
        if (count >= items.Length) return;
        var (low, high) = (0, items.Length - 1);
        while (low < high && count > 0)
        {
            var pivot = MedianOfThree(items[low], items[low + (high - low) / 2], items[high]);
            var (i, j) = (low, high);
            while (i <= j)
            {
                while (items[i] < pivot) i++;
                while (items[j] > pivot) j--;
                if (i > j) break;
                (items[i], items[j]) = (items[j], items[i]);
                (i, j) = (i + 1, j - 1);
            }
            // Now items[low..j] <= pivot <= items[i..high]: go on in the part that holds the boundary.
            if (count - 1 <= j) high = j;
            else if (count - 1 >= i) low = i;
            else return;
        }
    }

    private static long MedianOfThree(long a, long b, long c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
