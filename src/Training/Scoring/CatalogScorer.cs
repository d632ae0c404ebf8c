using System.Numerics.Tensors;
using KtvRec.Domain;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Models;

namespace KtvRec.Training.Scoring;

/// <summary>
/// A model ready to score a catalog, built once per served model: every song's side (its first-order weights, FM sum
/// and the DNN first layer's projection of its fields) and every pair field's buckets are computed here, so a request
/// computes its user side once and each candidate then costs a few vector adds and the DNN's remaining layers, in
/// managed SIMD without libtorch. The scores are the model's own (<c>forward</c> on the whole rows), to float
/// precision. Immutable, so requests share it.
/// </summary>
public sealed partial class CatalogScorer
{
    private readonly ModelWeights _weights;
    private readonly SideWeights _sideWeights;
    private readonly FeatureSpace _space;
    private readonly string[] _songIds;
    private readonly Dictionary<string, int> _songRows;
    private readonly SideSums _songs;
    private readonly float[] _songOwn;
    private readonly SideSums _pairs;
    // The bucketed pair fields all at bucket 0, and each other bucket as its change from bucket 0 (AddPair).
    private readonly SideSums _pairStart;
    private readonly SideSums _pairChanges;
    private readonly (float[] Transposed, float[] Bias)[] _layers;

    private CatalogScorer(ModelWeights weights, FeatureSpace space, IReadOnlyList<Song> songs)
    {
        _weights = weights;
        _sideWeights = new SideWeights(weights);
        _space = space;
        _songIds = songs.Select(s => s.Id).ToArray();
        _songRows = new Dictionary<string, int>(_songIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < _songIds.Length; i++) _songRows.TryAdd(_songIds[i], i);
        var table = FeatureTable.Encode(space, songs.Select(KtvFeatures.SongSide).ToList(), KtvFeatures.SongSideSlots);
        _songs = new SideSums(_sideWeights, songs.Count);
        for (var i = 0; i < songs.Count; i++) _songs.Add(i, table, i);
        _songOwn = Enumerable.Range(0, songs.Count).Select(_songs.Own).ToArray();
        (_pairs, _pairStart, _pairChanges) = PairBuckets(_sideWeights, space);
        Languages = songs.Select(s => s.Language).ToArray();
        _layers = weights.Dnn.Skip(1).Select(l => (DenseKernel.Transpose(l.Weights, l.Outputs, l.Inputs), l.Bias)).ToArray();
    }

    public static CatalogScorer Build(CtrModel model, FeatureSpace space, IReadOnlyList<Song> songs) => new(model.Export(), space, songs);

    /// <summary>How many songs were prepared: the catalog's rows.</summary>
    public int Count => _songIds.Length;

    /// <summary>The songs this scorer was prepared for, by row.</summary>
    public IReadOnlyList<string> SongIds => _songIds;

    /// <summary>Each row's language (what the preferred-language pair field compares with the user's).</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>The song's row, or -1 for a song this scorer was not prepared for.</summary>
    public int RowOf(string songId) => _songRows.GetValueOrDefault(songId, -1);

    /// <summary>The part every candidate of one request shares: their profile, the context, their activity and recent songs.</summary>
    public sealed class UserSide
    {
        internal UserSide(User? user, SideSums sums) => (User, Sums) = (user, sums);

        public User? User { get; }
        internal SideSums Sums { get; }
    }

    /// <param name="user">The user's profile, or null for a user the service has no profile of.</param>
    /// <param name="history">The user's distinct enjoyed songs, newest first.</param>
    public UserSide Prepare(User? user, PlayContext context, IReadOnlyList<string> history)
    {
        var row = FeatureTable.Encode(_space, [KtvFeatures.UserSide(user, context, history)], KtvFeatures.UserSideSlots);
        var sums = new SideSums(_sideWeights, 1);
        sums.Add(0, row, 0);
        if (sums.Hidden > 0) TensorPrimitives.Add(sums.Projection(0), _weights.Dnn[0].Bias, sums.Projection(0));
        return new UserSide(user, sums);
    }

    /// <summary>
    /// Every pair field's every bucket as a side of one feature (numeric fields: their one token at value 1); the
    /// bucketed fields at bucket 0 together as one side; and each of their other buckets as the change from bucket 0.
    /// </summary>
    private static (SideSums Buckets, SideSums Start, SideSums Changes) PairBuckets(SideWeights weights, FeatureSpace space)
    {
        var buckets = new SideSums(weights, KtvFeatures.PairFields * KtvFeatures.MaxBucket);
        var start = new SideSums(weights, 1);
        var changes = new SideSums(weights, KtvFeatures.PairFields * KtvFeatures.MaxBucket);
        for (var k = 0; k < KtvFeatures.PairFields; k++)
        {
            var field = KtvFeatures.FirstPairField + k;
            if (field >= space.FieldCount) continue;
            int Feature(int bucket) => space.IndexOf(field, KtvFeatures.IsNumeric(k) ? KtvFeatures.ValueToken
                : k == 0 ? KtvFeatures.PreferredLanguageTokens[Math.Min(bucket, KtvFeatures.PreferredLanguageTokens.Count - 1)]
                : KtvFeatures.Token(bucket));
            for (var bucket = 0; bucket < KtvFeatures.MaxBucket; bucket++)
            {
                var at = k * KtvFeatures.MaxBucket + bucket;
                buckets.Add(at, Feature(bucket), field, 1);
                if (KtvFeatures.IsNumeric(k) || bucket == 0) continue;
                changes.Add(at, Feature(bucket), field, 1);
                changes.Remove(at, Feature(0), field, 1);
            }
            if (!KtvFeatures.IsNumeric(k)) start.Add(0, Feature(0), field, 1);
        }
        return (buckets, start, changes);
    }
}
