using KtvRec.Training.Data;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.ModelFiles;

/// <summary>
/// A model with the vocabulary its indices refer to, its metadata and the song similarity of its training window
/// (its candidate source); owns the model's native memory.
/// </summary>
public sealed class TrainedModel(CtrModel model, FeatureSpace space, ModelMetadata metadata, SongNeighbours neighbours) : IDisposable
{
    public CtrModel Model { get; } = model;
    public FeatureSpace Space { get; } = space;
    public ModelMetadata Metadata { get; } = metadata;
    public SongNeighbours Neighbours { get; } = neighbours;

    public void Dispose() => Model.Dispose();
}
