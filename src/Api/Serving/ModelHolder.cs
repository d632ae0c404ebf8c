using KtvRec.Training.Trainer;
using KtvRec.Api.Operations;
using KtvRec.Domain.Songs;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Pipeline;

namespace KtvRec.Api.Serving;

/// <summary>
/// The model that serves recommendations, swapped atomically while requests keep flowing. A request holds a lease on
/// the model it started with; a replaced model is disposed only when its last lease is returned, because disposing a
/// TorchSharp module under a running forward pass crashes the process. Everything song-side is prepared before the
/// swap (<see cref="ServedModel"/>), so the first request to a new model costs what every other does.
/// </summary>
internal sealed class ModelHolder : IDisposable
{
    private ServingModel? _current;

    public string? CurrentVersion => Volatile.Read(ref _current)?.Model.Metadata.Version;

    /// <summary>The current model, held until the lease is disposed; null when no model serves yet.</summary>
    public ModelLease? Acquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current is null) return null;
            if (current.TryAddReference()) return new ModelLease(current);
            // It was replaced and released between the read and the add: read the new one.
        }
    }

    /// <summary>Makes <paramref name="model"/> the serving model, prepared for the songs of <paramref name="catalog"/>; the holder now owns it.</summary>
    public void Swap(TrainedModel model, IReadOnlyList<Song> catalog)
    {
        var prepared = new ServingModel(model, ServedModel.Prepare(model, catalog));
        var previous = Interlocked.Exchange(ref _current, prepared);
        previous?.Release();
        var metadata = model.Metadata;
        ServiceMetrics.ServingModelChanged(metadata.Version, metadata.Shape.Kind.ToString().ToLowerInvariant(), metadata.Metrics.GetValueOrDefault("auc"));
    }

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Release();
}

/// <summary>
/// A served model as the pipeline uses it (its scorer, its weights by the catalog's rows, so a request's candidates
/// are rows from the start), and the count of its holders: the holder itself and every request using it.
/// </summary>
internal sealed class ServingModel(TrainedModel model, ServedModel served)
{
    private int _references = 1;

    public TrainedModel Model { get; } = model;
    public ServedModel Served { get; } = served;

    public bool TryAddReference()
    {
        while (true)
        {
            var references = Volatile.Read(ref _references);
            if (references == 0) return false;
            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references) return true;
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        Model.Dispose();
        // Its scorer, neighbours and weights are garbage now, and so is what loading its successor took: give the
        // memory back (a rollback trains nothing, so the retrain job's own release does not follow it). Off the
        // request that returned the last lease.
        ThreadPool.UnsafeQueueUserWorkItem(_ => NativeMemory.ReleaseAfterBurst(), null);
    }
}

/// <summary>One request's hold on a served model.</summary>
internal sealed class ModelLease(ServingModel serving) : IDisposable
{
    private int _released;

    public TrainedModel Model => serving.Model;

    /// <summary>The model prepared for the catalog: what the pipeline ranks with.</summary>
    public ServedModel Served => serving.Served;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) serving.Release();
    }
}
