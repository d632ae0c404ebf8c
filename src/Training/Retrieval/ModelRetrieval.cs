using KtvRec.Domain.Songs;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Models;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Retrieval;

/// <summary>
/// The model's own choice over a whole catalog: every song's side (its id, artist, language, genre, decade, tags)
/// reduced once per model to its FM sum and own score, so a request ranks the catalog by exact dot products with its
/// user side (user, profile, context, recent songs): the model's FM part, without its DNN, for every song at once.
/// </summary>
public sealed class ModelRetrieval
{
    private readonly record struct Vectors(float[] Features, string[] Songs, float[] Sums, float[] Own, int Dimension);

    private readonly FeatureSpace _space;
    private readonly Vectors _vectors;

    private ModelRetrieval(FeatureSpace space, Vectors vectors) => (_space, _vectors) = (space, vectors);

    public int Count => _vectors.Songs.Length;

    /// <summary>The song sides of <paramref name="songs"/>, as <paramref name="model"/> sees them (whether a song is in the user's languages is left out: it depends on the user).</summary>
    public static ModelRetrieval Build(CtrModel model, FeatureSpace space, IReadOnlyList<Song> songs)
    {
        var table = FeatureTable.Encode(space, songs.Select(song => KtvFeatures.SongSide(null, song)).ToList(), KtvFeatures.SongSideSlots);
        var (sums, own, dimension) = Predictor.SideVectors(model, table);
        // Every feature's own embedding, so a request sums its user side in managed code rather than calling libtorch.
        var everyFeature = Enumerable.Range(0, space.Size).ToArray();
        var (features, _, _) = Predictor.SideVectors(model, new FeatureTable(1, everyFeature, Array.ConvertAll(everyFeature, _ => 1f), new int[space.Size], new float[space.Size]));
        return new ModelRetrieval(space, new Vectors(features, songs.Select(s => s.Id).ToArray(), sums, own, dimension));
    }

    /// <summary>The <paramref name="count"/> songs the model's FM part scores highest for this user side, best first.</summary>
    public IReadOnlyList<string> Top(RawRow userSide, int count)
    {
        var (features, songs, sums, own, dimension) = _vectors;
        if (count <= 0 || songs.Length == 0) return [];
        var encoded = FeatureTable.Encode(_space, [userSide], KtvFeatures.UserSideSlots);
        var user = new float[dimension];
        for (var slot = 0; slot < encoded.Slots; slot++)
        {
            var feature = features.AsSpan(encoded.Indices[slot] * dimension, dimension);
            for (var k = 0; k < dimension; k++) user[k] += encoded.Values[slot] * feature[k];
        }
        var best = new PriorityQueue<int, float>(count + 1);
        for (var song = 0; song < songs.Length; song++)
        {
            var score = own[song];
            var sum = sums.AsSpan(song * dimension, dimension);
            for (var k = 0; k < sum.Length; k++) score += user[k] * sum[k];
            if (best.Count == count && best.TryPeek(out _, out var worst) && score <= worst) continue;
            best.Enqueue(song, score);
            if (best.Count > count) best.Dequeue();
        }
        var top = new string[best.Count];
        for (var i = top.Length - 1; i >= 0; i--) top[i] = songs[best.Dequeue()];
        return top;
    }
}
