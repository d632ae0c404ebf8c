using System.Text.Json.Serialization;

namespace KtvRec.Training.Data;

/// <summary>
/// The vocabulary of every field: each token seen at least <see cref="MinCount"/> times in training gets its own
/// index; every other token of a field shares that field's out-of-vocabulary index, so a new user or song still gets
/// a prediction from its other fields. Index 0 is padding (a zero embedding). All fields share one index space, so one
/// embedding table serves the whole model.
/// </summary>
public sealed class FeatureSpace
{
    public const int PaddingIndex = 0;

    [JsonConstructor]
    public FeatureSpace(IReadOnlyList<string> fieldNames, int minCount, IReadOnlyList<Dictionary<string, int>> tokens, int[] outOfVocabulary, int size)
    {
        FieldNames = fieldNames;
        MinCount = minCount;
        Tokens = tokens;
        OutOfVocabulary = outOfVocabulary;
        Size = size;
    }

    public IReadOnlyList<string> FieldNames { get; }
    public int MinCount { get; }

    /// <summary>Per field, token → index.</summary>
    public IReadOnlyList<Dictionary<string, int>> Tokens { get; }

    /// <summary>Per field, the index shared by its unseen and rare tokens.</summary>
    public int[] OutOfVocabulary { get; }

    /// <summary>How many indices there are in all, padding included: the embedding table's row count.</summary>
    public int Size { get; }

    public int FieldCount => FieldNames.Count;

    public static FeatureSpace Fit(IReadOnlyList<string> fieldNames, IEnumerable<RawRow> rows, int minCount) =>
        Fit(fieldNames, rows.SelectMany(row => row.Features.Select(feature => (feature, 1))), minCount);

    /// <summary>
    /// The same vocabulary from features already counted: each feature with how many rows hold it (a part shared by
    /// many rows, such as a song's side, counted once for all of them instead of row by row).
    /// </summary>
    public static FeatureSpace Fit(IReadOnlyList<string> fieldNames, IEnumerable<(RawFeature Feature, int Rows)> features, int minCount)
    {
        var counts = fieldNames.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var (feature, rows) in features)
        {
            var fieldCounts = counts[feature.Field];
            fieldCounts[feature.Token] = fieldCounts.GetValueOrDefault(feature.Token) + rows;
        }

        var next = PaddingIndex + 1;
        var tokens = new Dictionary<string, int>[fieldNames.Count];
        var outOfVocabulary = new int[fieldNames.Count];
        for (var field = 0; field < fieldNames.Count; field++)
        {
            outOfVocabulary[field] = next++;
            tokens[field] = new Dictionary<string, int>(StringComparer.Ordinal);
            // Ordinal order keeps the indices, and so a seeded model, the same from run to run.
            foreach (var (token, count) in counts[field].OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (count >= minCount) tokens[field][token] = next++;
            }
        }
        return new FeatureSpace(fieldNames, minCount, tokens, outOfVocabulary, next);
    }

    /// <summary>
    /// This vocabulary grown by the tokens of <paramref name="features"/> seen at least <see cref="MinCount"/> times that
    /// it does not know: every index it has stays what it is, the new ones follow (field by field, in ordinal order), so
    /// a model of this vocabulary can be grown into one of the new (<see cref="Models.ModelGrowth"/>).
    /// </summary>
    /// <returns>The grown vocabulary, and for each of its indices the index here whose weights it starts from: its own, or its field's out-of-vocabulary index (what the token had until now).</returns>
    public (FeatureSpace Space, int[] StartFrom) Extend(IEnumerable<(RawFeature Feature, int Rows)> features)
    {
        var counts = FieldNames.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        foreach (var (feature, rows) in features)
        {
            if (Knows(feature.Field, feature.Token)) continue;
            var fieldCounts = counts[feature.Field];
            fieldCounts[feature.Token] = fieldCounts.GetValueOrDefault(feature.Token) + rows;
        }

        var startFrom = Enumerable.Range(0, Size).ToList();
        var tokens = new Dictionary<string, int>[FieldCount];
        for (var field = 0; field < FieldCount; field++)
        {
            tokens[field] = new Dictionary<string, int>(Tokens[field], StringComparer.Ordinal);
            foreach (var (token, count) in counts[field].OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (count < MinCount) continue;
                tokens[field][token] = startFrom.Count;
                startFrom.Add(OutOfVocabulary[field]);
            }
        }
        return (new FeatureSpace(FieldNames, MinCount, tokens, OutOfVocabulary, startFrom.Count), [.. startFrom]);
    }

    /// <summary>Whether <paramref name="token"/> has an index of its own in <paramref name="field"/> (seen often enough in training).</summary>
    public bool Knows(int field, string token) => Tokens[field].ContainsKey(token);

    public int IndexOf(int field, string token) =>
        Tokens[field].TryGetValue(token, out var index) ? index : OutOfVocabulary[field];
}
