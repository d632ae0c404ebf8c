using Microsoft.EntityFrameworkCore.Design;

namespace KtvRec.Domain.Storage;

/// <summary>Lets `dotnet ef` build the context without starting the service.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KtvDbContext>
{
    public KtvDbContext CreateDbContext(string[] args) => new(SqliteStore.Options(Path.GetTempPath()));
}
