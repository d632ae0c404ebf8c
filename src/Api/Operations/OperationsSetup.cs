using System.Text.Json;
using Hangfire;
using KtvRec.Api.Feedback;
using KtvRec.Api.Hosting;
using KtvRec.Api.Serving;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace KtvRec.Api.Operations;

internal static class OperationsSetup
{
    private const string Ready = "ready";
    private const string Training = "training";

    /// <summary>
    /// /health/live: the process answers. /health/ready: this node can do its job — database migrated and a model or
    /// popularity serving; on a node that trains, also a Hangfire server on the training queue. An API node serves
    /// without a worker, so a worker's outage must not make a load balancer drain it: its readiness leaves the training
    /// queue out. /health/training: whether any live node serves the training queue, on every node, for monitoring.
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        string[] hangfireTags = KtvRecOptions.Trains(configuration) ? [Ready, Training] : [Training];
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<ModelHealthCheck>("model", tags: [Ready])
            .AddCheck<HangfireHealthCheck>("hangfire", tags: hangfireTags);
        return services;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/training", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Training), ResponseWriter = WriteAsync });
        // A scrape first reads the pick rate (from the database, reused for KtvRec:Feedback:PickRateCacheSeconds).
        app.UseWhen(context => context.Request.Path == "/metrics", metrics => metrics.Use(async (context, next) =>
        {
            ServiceMetrics.PickRatesRead(await context.RequestServices.GetRequiredService<PickRates>().GetAsync(context.RequestAborted));
            await next(context);
        }));
        app.MapMetrics("/metrics");
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}

/// <summary>The database answers and its schema is up to date; why not goes to the log, not to whoever asks (readiness needs no key).</summary>
internal sealed class DatabaseHealthCheck(KtvDbContext db, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("database reachable, schema up to date")
                : HealthCheckResult.Unhealthy($"migrations not applied: {string.Join(", ", pending)}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Readiness: the database is unreachable");
            return HealthCheckResult.Unhealthy("database unreachable (the service's log says why)");
        }
    }
}

/// <summary>Ready with a model, and ready without one too: popularity (and cold start) serve until the first model passes the gate.</summary>
internal sealed class ModelHealthCheck(ModelHolder models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(models.CurrentVersion is { } version
            ? $"model {version} serving"
            : "no model yet: popularity serving"));
}

internal sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = storage.GetMonitoringApi().Servers();
        var alive = servers.Where(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < Stale).ToList();
        var training = alive.Any(s => s.Queues.Contains(Retraining.RetrainJob.Queue));
        return Task.FromResult(training
            ? HealthCheckResult.Healthy($"{alive.Count} Hangfire server(s), training queue served")
            : HealthCheckResult.Unhealthy($"no live Hangfire server serves the training queue ({alive.Count} alive)"));
    }
}
