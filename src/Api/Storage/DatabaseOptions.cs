using System.ComponentModel.DataAnnotations;
using KtvRec.Domain.Storage;

namespace KtvRec.Api.Storage;

/// <summary>Settings under <c>KtvRec:Database</c>: which engine holds the venue's data.</summary>
internal sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "KtvRec:Database";

    /// <summary>sqlite (one file in the data directory, one machine) or postgres (any number of nodes).</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "must be sqlite or postgres.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>For postgres: an Npgsql connection string. Not used for sqlite, whose file is in the data directory.</summary>
    public string? ConnectionString { get; set; }

    public DatabaseProvider Kind => Provider == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("is required when Provider is postgres, e.g. Host=db;Database=ktvrec;Username=ktvrec;Password=…", [nameof(ConnectionString)]);
    }
}
