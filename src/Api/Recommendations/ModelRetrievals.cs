using System.Runtime.CompilerServices;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Retrieval;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// Each served model's retrieval over the catalog (<see cref="ModelRetrieval"/>), built on its first request from the
/// catalog of that moment and dropped with the model. A song added later is found by the next model's.
/// </summary>
public sealed class ModelRetrievals
{
    private readonly ConditionalWeakTable<TrainedModel, ModelRetrieval> _built = new();
    private readonly Lock _building = new();

    public ModelRetrieval For(TrainedModel model, RankedCatalog catalog)
    {
        if (_built.TryGetValue(model, out var retrieval)) return retrieval;
        lock (_building)
        {
            if (_built.TryGetValue(model, out retrieval)) return retrieval;
            retrieval = ModelRetrieval.Build(model.Model, model.Space, catalog.Songs.Select(s => s.Song).ToList());
            _built.Add(model, retrieval);
            return retrieval;
        }
    }
}
