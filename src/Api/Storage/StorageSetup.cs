using KtvRec.Api.Hosting;
using KtvRec.Domain.Storage;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Storage;

internal static class StorageSetup
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
internal sealed class DataDirectory
{
    public DataDirectory(IOptions<KtvRecOptions> options, IHostEnvironment environment)
    {
        Path = System.IO.Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
}
