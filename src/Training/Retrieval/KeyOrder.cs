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
}
