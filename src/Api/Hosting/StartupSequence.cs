namespace KtvRec.Api.Hosting;

/// <summary>
/// The service's start-up in one declared order (Program.cs): each step's <see cref="IHostedService.StartAsync"/>
/// finishes before the next begins, and all before Kestrel takes a request; on shutdown they stop in reverse. A step
/// that keeps running (a sync loop) starts its loop from its StartAsync as a hosted service would.
/// </summary>
internal sealed class StartupSequence(IReadOnlyList<IHostedService> steps, ILogger<StartupSequence> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            logger.LogDebug("Start-up: {Step}", step.GetType().Name);
            await step.StartAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var step in steps.Reverse()) await step.StopAsync(cancellationToken);
    }
}

internal static class StartupSequenceSetup
{
    /// <summary>
    /// Runs <paramref name="steps"/> at start-up, in this order. Each is a singleton its feature registered (not a
    /// hosted service of its own, so nothing else decides when it runs).
    /// </summary>
    public static IServiceCollection AddStartupSequence(this IServiceCollection services, params Type[] steps)
    {
        services.AddHostedService(provider => new StartupSequence(
            Array.ConvertAll(steps, step => (IHostedService)provider.GetRequiredService(step)),
            provider.GetRequiredService<ILogger<StartupSequence>>()));
        return services;
    }
}
