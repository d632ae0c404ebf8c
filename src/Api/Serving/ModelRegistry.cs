using KtvRec.Api.Storage;
using KtvRec.Domain.Registry;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Storage;
using KtvRec.Training.ModelFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Serving;

/// <summary>
/// The registry of model versions: a row per training run in the database, the files of each trained model packed
/// beside it in the database (so every node can load it) and unpacked under <c>models/&lt;version&gt;</c> in this
/// node's data directory, and the one active version that serves.
/// </summary>
internal sealed partial class ModelRegistry(
    KtvDbContext db, DataDirectory dataDirectory, ModelHolder holder, IOptions<ServingOptions> options, TimeProvider clock, ILogger<ModelRegistry> logger)
{
    public string ModelsDirectory => Path.Combine(dataDirectory.Path, "models");

    public string DirectoryOf(string version) => Path.Combine(ModelsDirectory, version);

    /// <summary>Saves the model's files, makes it the active version (retiring the previous one) and swaps it in.</summary>
    public async Task ActivateNewAsync(ModelVersion run, TrainedModel model, string reason, CancellationToken cancellationToken)
    {
        ModelDirectory.Save(model, DirectoryOf(run.Version));
        db.ModelFiles.Add(new ModelFile
        {
            Version = run.Version, Content = ModelDirectory.Pack(DirectoryOf(run.Version)), StoredAt = clock.GetUtcNow().UtcDateTime,
        });
        // The catalog first: once the registry says active, this node swaps the model in with no query between.
        var catalog = await CatalogAsync(cancellationToken);
        await MarkActiveAsync(run.Version, reason, cancellationToken, onlyWhileTraining: true);
        holder.Swap(model, catalog);
        logger.LogInformation("Model {Version} is now serving: {Reason}", run.Version, reason);
        await PruneAsync(cancellationToken);
    }

    /// <summary>Makes an earlier version serve again (a rollback). Its files are loaded before anything changes.</summary>
    public async Task<ModelVersion> ActivateAsync(string version, CancellationToken cancellationToken)
    {
        var row = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Version == version, cancellationToken)
            ?? throw new KeyNotFoundException($"Model version '{version}' does not exist.");
        if (row.Status is ModelStatus.Training or ModelStatus.Failed)
            throw new InvalidOperationException($"Model version '{version}' is {row.Status.ToString().ToLowerInvariant()} and has no model to serve.");

        var catalog = await CatalogAsync(cancellationToken);
        var model = await LoadAsync(version, cancellationToken);
        try
        {
            await MarkActiveAsync(version, row.Reason ?? "", cancellationToken);
            holder.Swap(model, catalog);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        logger.LogWarning("Model {Version} was activated by hand and now serves", version);
        return (await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Version == version, cancellationToken));
    }

    /// <summary>
    /// Loads the active version at start-up (a damaged local copy is unpacked again from the database). If it cannot be
    /// loaded at all, this node serves the newest earlier version that loads, and leaves the registry alone: one node's
    /// damaged disk must not roll the others back (<see cref="ModelSync"/> keeps trying the active version). Only when
    /// no version is active anywhere does the one that loads become it. With none, recommendations use popularity.
    /// </summary>
    public async Task<string?> LoadServingModelAsync(CancellationToken cancellationToken)
    {
        CleanTemporaryFolders();
        var catalog = await CatalogAsync(cancellationToken);
        var candidates = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Status == ModelStatus.Active || v.Status == ModelStatus.Retired)
            .OrderByDescending(v => v.Status == ModelStatus.Active)
            .ThenByDescending(v => v.CreatedAt)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            TrainedModel model;
            try
            {
                model = await LoadAsync(candidate.Version, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                logger.LogWarning(exception, "Model {Version} could not be loaded; trying an earlier version", candidate.Version);
                continue;
            }
            try
            {
                if (candidates[0].Status != ModelStatus.Active)
                    await MarkActiveAsync(candidate.Version, $"fallback at start-up: {candidate.Reason}", cancellationToken);
                holder.Swap(model, catalog);
            }
            catch
            {
                model.Dispose();
                throw;
            }
            if (candidate.Status == ModelStatus.Active) logger.LogInformation("Model {Version} loaded and serving", candidate.Version);
            else if (candidates[0].Status == ModelStatus.Active)
                logger.LogWarning("Model {Version} serves on this node until it can load the active {Active}; the registry is unchanged", candidate.Version, candidates[0].Version);
            return candidate.Version;
        }
        if (candidates.Count > 0) logger.LogWarning("No model version could be loaded; recommendations use popularity");
        return null;
    }

    /// <summary>Every song of the catalog, which a model is prepared for before it serves.</summary>
    public Task<List<Song>> CatalogAsync(CancellationToken cancellationToken) => db.Songs.AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>
    /// Loads a version's model from this node's copy, unpacking its files from the database first when this node has
    /// none, or again when its copy is damaged (the database's is the one every node shares).
    /// </summary>
    public async Task<TrainedModel> LoadAsync(string version, CancellationToken cancellationToken)
    {
        var directory = DirectoryOf(version);
        if (Directory.Exists(directory))
        {
            try
            {
                return ModelDirectory.Load(directory);
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                logger.LogWarning(exception, "This node's copy of model {Version} is damaged; unpacking it again from the database", version);
                Directory.Delete(directory, recursive: true);
            }
        }
        var packed = await db.ModelFiles.AsNoTracking().Where(f => f.Version == version).Select(f => f.Content).FirstOrDefaultAsync(cancellationToken)
            ?? throw new FileNotFoundException($"Model version '{version}' has no files in the database or in {directory} (older versions' files are pruned).");
        ModelDirectory.Unpack(packed, directory);
        return ModelDirectory.Load(directory);
    }

    public Task<ModelVersion?> ActiveAsync(CancellationToken cancellationToken) =>
        db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Status == ModelStatus.Active, cancellationToken);

    /// <param name="onlyWhileTraining">A new run's model: refused if another worker marked the run abandoned meanwhile (its heartbeat was late).</param>
    private async Task MarkActiveAsync(string version, string reason, CancellationToken cancellationToken, bool onlyWhileTraining = false)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (onlyWhileTraining)
        {
            var stored = await db.ModelVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Status).FirstAsync(cancellationToken);
            if (stored != ModelStatus.Training)
                throw new InvalidOperationException($"Run {version} is {stored.ToString().ToLowerInvariant()} in the registry (marked by another worker): its model is not activated.");
        }
        foreach (var active in await db.ModelVersions.Where(v => v.Status == ModelStatus.Active && v.Version != version).ToListAsync(cancellationToken))
            active.Status = ModelStatus.Retired;
        var row = await db.ModelVersions.FirstAsync(v => v.Version == version, cancellationToken);
        row.Status = ModelStatus.Active;
        row.Reason = reason;
        row.FinishedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
