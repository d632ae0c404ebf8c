using KtvRec.Domain.Songs;
using KtvRec.Training.Data;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;

namespace KtvRec.Training.Pipeline;

/// <summary>
/// A model as the pipeline uses it, prepared for one catalog: its scorer (every song's side computed), its
/// item-to-item weights indexed by the catalog's rows.
/// Managed arrays only, immutable, so requests share it; serving, the retrain's selection and gate, and the CLI all
/// rank through one.
/// </summary>
public sealed class ServedModel
{
    private ServedModel(CatalogScorer scorer, CatalogRows rows, SongSimilarity similarity, OrderBlend blend)
    {
        Scorer = scorer;
        Rows = rows;
        Similarity = similarity;
        Blend = blend;
    }

    /// <summary>Prepares <paramref name="model"/> and its weights for the songs of <paramref name="catalog"/> (their order is the rows').</summary>
    /// <param name="blend">How much its lists keep of their candidates' own order; none: the ranker alone.</param>
    public static ServedModel Prepare(CtrModel model, FeatureSpace space, SongSimilarity similarity, IReadOnlyList<Song> catalog, OrderBlend? blend = null)
    {
        var rows = new CatalogRows(catalog);
        return new ServedModel(CatalogScorer.Build(model, space, catalog), rows, similarity.InOrderOf(rows.Ids), blend ?? OrderBlend.None);
    }

    /// <summary>Prepares a trained or loaded model for the songs of <paramref name="catalog"/>, with the blend it was chosen with.</summary>
    public static ServedModel Prepare(TrainedModel model, IReadOnlyList<Song> catalog) =>
        Prepare(model.Model, model.Space, model.Similarity, catalog, model.Metadata.Blend);

    /// <summary>The same prepared model with another blend (selection tries several on one model).</summary>
    public ServedModel With(OrderBlend blend) => new(Scorer, Rows, Similarity, blend);

    public CatalogScorer Scorer { get; }

    /// <summary>The catalog this model was prepared for, by row.</summary>
    public CatalogRows Rows { get; }

    /// <summary>The model's item-to-item weights, indexed by <see cref="Rows"/>.</summary>
    public SongSimilarity Similarity { get; }

    /// <summary>How much its lists keep of their candidates' own order beside the ranker.</summary>
    public OrderBlend Blend { get; }
}
