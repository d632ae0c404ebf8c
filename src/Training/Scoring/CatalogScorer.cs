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
/// and the DNN first layer's projection of its fields) is computed here, so a request computes its user side once and
/// each candidate then costs a few vector adds and the DNN's remaining layers, in managed SIMD without libtorch. The
/// scores are the model's own (<c>forward</c> on the whole rows), to float precision. Also the model's retrieval over
/// the catalog: its FM part by exact dot product with every song. Immutable, so requests share it.
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
    private readonly float[][] _songWithToken;
    private readonly Dictionary<string, int> _languages;
    private readonly int[] _songLanguages;
    private readonly CatalogRetrieval _retrieval;
    private readonly SideSums _preferred;
    private readonly (float[] Transposed, float[] Bias)[] _layers;

    private CatalogScorer(ModelWeights weights, FeatureSpace space, IReadOnlyList<Song> songs)
    {
        _weights = weights;
        _sideWeights = new SideWeights(weights);
        _space = space;
        _songIds = songs.Select(s => s.Id).ToArray();
        _songRows = new Dictionary<string, int>(_songIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < _songIds.Length; i++) _songRows.TryAdd(_songIds[i], i);
        _songs = Sides(_sideWeights, space, songs);
        // Whether a song is in the user's languages takes one of three tokens: each one's part, once.
        var tokens = KtvFeatures.PreferredLanguageTokens;
        _preferred = new SideSums(_sideWeights, tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
            _preferred.Add(i, space.IndexOf(KtvFeatures.PreferredLanguageField, tokens[i]), KtvFeatures.PreferredLanguageField, 1);
        _languages = songs.Select(s => s.Language).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select((language, i) => (language, i)).ToDictionary(x => x.language, x => x.i, StringComparer.OrdinalIgnoreCase);
        _songLanguages = songs.Select(s => _languages[s.Language]).ToArray();
        _songOwn = Enumerable.Range(0, songs.Count).Select(_songs.Own).ToArray();
        _songWithToken = Enumerable.Range(0, tokens.Count)
            .Select(token => Enumerable.Range(0, songs.Count).Select(row => TensorPrimitives.Dot(_songs.Sum(row), _preferred.Sum(token))).ToArray())
            .ToArray();
        _retrieval = new CatalogRetrieval(_songs, _songOwn, _songLanguages, _songWithToken);
        _layers = weights.Dnn.Skip(1).Select(l => (DenseKernel.Transpose(l.Weights, l.Outputs, l.Inputs), l.Bias)).ToArray();
    }

    public static CatalogScorer Build(CtrModel model, FeatureSpace space, IReadOnlyList<Song> songs) => new(model.Export(), space, songs);

    /// <summary>How many songs were prepared (candidates outside them are computed per request).</summary>
    public int Count => _songIds.Length;

    /// <summary>The part every candidate of one request shares: the user, their profile, the context and recent songs.</summary>
    public sealed class UserSide
    {
        internal UserSide(User? user, SideSums sums) => (User, Sums) = (user, sums);

        internal User? User { get; }
        internal SideSums Sums { get; }
    }

    /// <param name="user">The user's profile, or null for a user the service has never seen (their id is then out of vocabulary).</param>
    /// <param name="recentSongs">The user's distinct enjoyed songs, newest first.</param>
    public UserSide Prepare(User? user, string userId, PlayContext context, IReadOnlyList<string> recentSongs)
    {
        var row = FeatureTable.Encode(_space, [KtvFeatures.UserSide(user, userId, context, recentSongs)], KtvFeatures.UserSideSlots);
        var sums = new SideSums(_sideWeights, 1);
        sums.Add(0, row, 0);
        if (sums.Hidden > 0) TensorPrimitives.Add(sums.Projection(0), _weights.Dnn[0].Bias, sums.Projection(0));
        return new UserSide(user, sums);
    }

    /// <summary>The songs this scorer was prepared for, by row.</summary>
    public IReadOnlyList<string> SongIds => _songIds;

    /// <summary>The song's row, or -1 for a song this scorer was not prepared for.</summary>
    public int RowOf(string songId) => _songRows.GetValueOrDefault(songId, -1);

    /// <summary>For each language of the catalog, which of the preferred-language tokens a song in it gets for this user.</summary>
    private int[] PreferredTokens(User? user)
    {
        var tokens = new int[_languages.Count];
        foreach (var (language, index) in _languages) tokens[index] = KtvFeatures.PreferredLanguageToken(user, language);
        return tokens;
    }

    private static SideSums Sides(SideWeights weights, FeatureSpace space, IReadOnlyList<Song> songs)
    {
        var table = FeatureTable.Encode(space, songs.Select(KtvFeatures.SongSide).ToList(), KtvFeatures.SongSideSlots);
        var sides = new SideSums(weights, songs.Count);
        for (var i = 0; i < songs.Count; i++) sides.Add(i, table, i);
        return sides;
    }
}
