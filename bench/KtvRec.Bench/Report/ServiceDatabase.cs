namespace KtvRec.Bench.Report;

/// <summary>Which engine the measured service ran on (bench/run.sh sets KTVREC_BENCH_DATABASE for PostgreSQL).</summary>
public static class ServiceDatabase
{
    /// <summary>The service's PostgreSQL connection string, database included; null when it runs on SQLite.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable("KTVREC_BENCH_DATABASE");

    public static string Name => ConnectionString is null ? "SQLite" : "PostgreSQL";
}
