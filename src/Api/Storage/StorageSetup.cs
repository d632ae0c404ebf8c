using KtvRec.Api.Hosting;
using KtvRec.Domain.Storage;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Storage;

public static class StorageSetup
{
    /// <summary>SQLite in the data directory, migrated to the latest schema before the service takes requests.</summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KtvRecOptions>(KtvRecOptions.Section);
        builder.Services.AddSingleton<DataDirectory>();
        builder.Services.AddDbContext<KtvDbContext>((services, options) =>
            options.UseKtvSqlite(services.GetRequiredService<DataDirectory>().Path));
        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }
}

/// <summary>The resolved, existing folder that holds every file the service writes.</summary>
public sealed class DataDirectory
{
    public DataDirectory(IOptions<KtvRecOptions> options, IHostEnvironment environment)
    {
        Path = System.IO.Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
}

/// <summary>Applies EF migrations at start-up; hosted services start before Kestrel, so no request sees an old schema.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, DataDirectory dataDirectory, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        await SqliteStore.MigrateAsync(db, cancellationToken);
        logger.LogInformation("Database ready at {DatabasePath}", Path.Combine(dataDirectory.Path, SqliteStore.DatabaseFileName));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
