using Hangfire;
using Hangfire.Storage.SQLite;
using KtvRec.Api.Hosting;
using KtvRec.Api.Models;
using KtvRec.Api.Security;
using KtvRec.Api.Serving;
using KtvRec.Api.Storage;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Retraining;

public static class RetrainingSetup
{
    public const string HangfireDatabaseFileName = "hangfire.db";

    /// <summary>
    /// Hangfire on its own SQLite file in the data directory, with two servers: the default queue, and the training
    /// queue with exactly one worker, so two trainings never run at once without blocking other workers.
    /// </summary>
    public static IServiceCollection AddRetraining(this IServiceCollection services)
    {
        services.AddValidatedOptions<TrainingOptions>(TrainingOptions.Section);
        services.AddSingleton<ModelHolder>();
        services.AddScoped<ModelRegistry>();
        services.AddSingleton<RetrainJob>();

        // This service's own storage, registered before AddHangfire so Hangfire's clients, servers and dashboard use it
        // rather than the process-wide JobStorage.Current (which several hosts in one process would share).
        services.AddSingleton<JobStorage>(provider =>
        {
            // Configure Hangfire for this host (its log provider above all) before the storage starts logging.
            provider.GetRequiredService<IGlobalConfiguration>();
            var training = provider.GetRequiredService<IOptions<TrainingOptions>>().Value;
            var path = Path.Combine(provider.GetRequiredService<DataDirectory>().Path, HangfireDatabaseFileName);
            return new SQLiteStorage(path, new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromSeconds(training.QueuePollSeconds),
                // Longer than the longest allowed run, so a running training is never handed out again.
                InvisibilityTimeout = TimeSpan.FromMinutes(training.MaxMinutes + 10),
            });
        });
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:default";
            server.Queues = ["default"];
            server.WorkerCount = 2;
        });
        services.AddHangfireServer(server =>
        {
            server.ServerName = $"{Environment.MachineName}:training";
            server.Queues = [RetrainJob.Queue];
            server.WorkerCount = 1;
        });
        // After the database migrator and the demo loader: hosted services start in the order they were added.
        services.AddHostedService<ModelStartup>();
        return services;
    }

    public static WebApplication MapRetraining(this WebApplication app)
    {
        // The dashboard answers whoever the admin policy lets through (everyone in open mode), not only local requests.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [] }, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(SecuritySetup.AdminPolicy);
        app.MapAdmin();
        app.MapModels();
        return app;
    }
}
