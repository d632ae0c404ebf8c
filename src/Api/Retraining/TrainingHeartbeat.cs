using KtvRec.Api.Serving;

namespace KtvRec.Api.Retraining;

/// <summary>
/// A training run's heartbeat in the registry, every <c>KtvRec:Training:HeartbeatSeconds</c> while it trains: what
/// keeps other workers from starting a second run, and what lets them fail this one if its worker dies. If the registry
/// no longer shows the run training (another worker found its heartbeat late and marked it abandoned), <see cref="Lost"/>
/// is cancelled and the run stops rather than activate a model the registry has given up on.
/// </summary>
internal sealed class TrainingHeartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _beating;

    public TrainingHeartbeat(IServiceScopeFactory scopes, string version, TimeSpan every, ILogger logger) =>
        _beating = BeatAsync(scopes, version, every, logger);

    /// <summary>Cancelled when the run lost its lease.</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    private async Task BeatAsync(IServiceScopeFactory scopes, string version, TimeSpan every, ILogger logger)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<ModelRegistry>().BeatAsync(version, _stop.Token)) continue;
                    logger.LogWarning("Training run {Version} is no longer training in the registry (another worker marked it abandoned); stopping it", version);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The database may be back by the next beat; a run that cannot beat for long is failed by the others.
                    logger.LogWarning(exception, "Training run {Version} could not record its heartbeat", version);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _beating;
        _stop.Dispose();
        _lost.Dispose();
    }
}
