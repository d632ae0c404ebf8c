using Microsoft.EntityFrameworkCore.Design;

namespace KtvRec.Domain.Storage;

/// <summary>Lets `dotnet ef migrations add X --context PostgresKtvDbContext` build the context; no server is contacted.</summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresKtvDbContext>
{
    public PostgresKtvDbContext CreateDbContext(string[] args) => new(PostgresStore.Options("Host=localhost;Database=ktvrec"));
}
