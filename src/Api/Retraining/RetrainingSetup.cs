using KtvRec.Api.Hosting;
using Hangfire;
using Hangfire.Storage.SQLite;
using KtvRec.Api.Models;
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

        services.AddHangfire((provider, configuration) =>
        {
            var training = provider.GetRequiredService<IOptions<TrainingOptions>>().Value;
            var path = Path.Combine(provider.GetRequiredService<DataDirectory>().Path, HangfireDatabaseFileName);
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseSQLiteStorage(path, new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(training.QueuePollSeconds),
                    // Longer than the longest allowed run, so a running training is never handed out again.
                    InvisibilityTimeout = TimeSpan.FromMinutes(training.MaxMinutes + 10),
                });
        });
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
        app.MapHangfireDashboard("/hangfire");
        app.MapAdmin();
        app.MapModels();
        return app;
    }
}
