namespace KtvRec.Bench.Report;

/// <summary>Which engine the measured service ran on (bench/run.sh sets KTVREC_BENCH_DATABASE for PostgreSQL).</summary>
public static class ServiceDatabase
{
    public static string Name => Environment.GetEnvironmentVariable("KTVREC_BENCH_DATABASE") is null ? "SQLite" : "PostgreSQL";
}
