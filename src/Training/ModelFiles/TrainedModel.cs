using KtvRec.Training.Data;
using KtvRec.Training.Models;

namespace KtvRec.Training.ModelFiles;

/// <summary>A model with the vocabulary its indices refer to and its metadata; owns the model's native memory.</summary>
public sealed class TrainedModel(CtrModel model, FeatureSpace space, ModelMetadata metadata) : IDisposable
{
    public CtrModel Model { get; } = model;
    public FeatureSpace Space { get; } = space;
    public ModelMetadata Metadata { get; } = metadata;

    public void Dispose() => Model.Dispose();
}
