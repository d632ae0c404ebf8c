using KtvRec.Domain.Registry;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Serving;

/// <summary>What keeps the registry and the model folders bounded and true after crashes.</summary>
internal sealed partial class ModelRegistry
{
    /// <summary>How old an unfinished temporary model folder must be before start-up removes it (a save or unpack takes seconds).</summary>
    private static readonly TimeSpan AbandonedFolderAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Keeps the files of the active version and of the <see cref="ServingOptions.KeepVersions"/> newest earlier ones
    /// (what a rollback can reach), in the database and in this node's folder; older versions keep their row (their
    /// history and pick rate), not their files.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var kept = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Status == ModelStatus.Active || v.Status == ModelStatus.Retired)
            .OrderByDescending(v => v.Status == ModelStatus.Active).ThenByDescending(v => v.CreatedAt)
            .Take(options.Value.KeepVersions + 1).Select(v => v.Version).ToListAsync(cancellationToken);
        var pruned = await db.ModelFiles.Where(f => !kept.Contains(f.Version)).ExecuteDeleteAsync(cancellationToken);
        if (Directory.Exists(ModelsDirectory))
        {
            foreach (var folder in Directory.EnumerateDirectories(ModelsDirectory))
            {
                var name = Path.GetFileName(folder);
                if (name.StartsWith('.') || kept.Contains(name) || name == holder.CurrentVersion) continue;
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException exception)
                {
                    logger.LogWarning(exception, "Could not remove the pruned model folder {Folder}", folder);
                }
            }
        }
        if (pruned > 0) logger.LogInformation("Pruned the files of {Count} old model versions; {Kept} versions keep theirs", pruned, kept.Count);
        return pruned;
    }

    /// <summary>Temporary folders a save or unpack left behind when the process died mid-way.</summary>
    private void CleanTemporaryFolders()
    {
        if (!Directory.Exists(ModelsDirectory)) return;
        foreach (var folder in Directory.EnumerateDirectories(ModelsDirectory, ".tmp-*"))
        {
            if (clock.GetUtcNow().UtcDateTime - Directory.GetLastWriteTimeUtc(folder) < AbandonedFolderAge) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
                logger.LogInformation("Removed {Folder}, left behind by an interrupted save", folder);
            }
            catch (IOException exception)
            {
                logger.LogWarning(exception, "Could not remove {Folder}", folder);
            }
        }
    }
}
