using Microsoft.Extensions.Options;

namespace KtvRec.Api.Serving;

/// <summary>
/// Keeps this node serving the registry's active version: a model trained on a worker, or a rollback made through any
/// node, reaches every node within <see cref="ServingOptions.SyncSeconds"/>. Polling one indexed row is cheap on both
/// providers and needs nothing beyond the database every node already reaches.
/// </summary>
internal sealed partial class ModelSync(IServiceScopeFactory scopes, ModelHolder holder, IOptions<ServingOptions> options, ILogger<ModelSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SyncSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await SyncOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Swaps to the active version if this node serves another one; returns the version now serving.</summary>
    public async Task<string?> SyncOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
            var active = await registry.ActiveAsync(cancellationToken);
            if (active is null || active.Version == holder.CurrentVersion) return holder.CurrentVersion;

            var catalog = await registry.CatalogAsync(cancellationToken);
            var model = await registry.LoadAsync(active.Version, cancellationToken);
            try
            {
                holder.Swap(model, catalog);
            }
            catch
            {
                model.Dispose();
                throw;
            }
            LogNowServes(logger, active.Version);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSyncFailed(logger, exception);
        }
        return holder.CurrentVersion;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} is active in the registry and now serves on this node")]
    private static partial void LogNowServes(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sync the serving model with the registry; retrying")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
