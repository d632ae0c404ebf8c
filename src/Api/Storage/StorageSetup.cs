using KtvRec.Api.Hosting;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Storage;

public static class StorageSetup
{
    /// <summary>
    /// SQLite in the data directory, or PostgreSQL (<c>KtvRec:Database</c>), migrated to the latest schema before the
    /// service takes requests. Each provider has its own context type, because each has its own migrations. Contexts are
    /// pooled: creating one costs more than a small query.
    /// </summary>
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KtvRecOptions>(KtvRecOptions.Section);
        builder.Services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        builder.Services.AddSingleton<DataDirectory>();
        if (Provider(builder.Configuration) == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<KtvDbContext, PostgresKtvDbContext>((services, options) =>
                options.UseKtvPostgres(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!));
        }
        else
        {
            builder.Services.AddDbContextPool<KtvDbContext>((services, options) =>
                options.UseKtvSqlite(services.GetRequiredService<DataDirectory>().Path));
        }
        builder.Services.AddSingleton<DatabaseMigrator>();
        return builder;
    }

    /// <summary>The configured provider, read before the container is built (services are registered by it).</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Kind;
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

/// <summary>Applies EF migrations: the first step of the start-up sequence, before Kestrel, so no request sees an old schema.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes, DataDirectory dataDirectory, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        await KtvStore.MigrateAsync(db, cancellationToken);
        logger.LogInformation("Database ready: {Database}", db.Database.IsNpgsql()
            ? $"PostgreSQL {db.Database.GetDbConnection().Database} on {db.Database.GetDbConnection().DataSource}"
            : Path.Combine(dataDirectory.Path, SqliteStore.DatabaseFileName));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
