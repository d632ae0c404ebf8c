using KtvRec.Training.Data;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.ModelFiles;

/// <summary>
/// A model with the vocabulary its indices refer to, its metadata and the item-to-item weights of its training window
/// (its candidate sources and signals); owns the model's native memory.
/// </summary>
public sealed class TrainedModel(CtrModel model, FeatureSpace space, ModelMetadata metadata, SongSimilarity similarity) : IDisposable
{
    public CtrModel Model { get; } = model;
    public FeatureSpace Space { get; } = space;
    public ModelMetadata Metadata { get; } = metadata;
    public SongSimilarity Similarity { get; } = similarity;

    public void Dispose() => Model.Dispose();
}
