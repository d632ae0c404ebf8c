namespace KtvRec.Api.Tests.Faults;

/// <summary>
/// A test of the scale mode (PostgreSQL, the service as real processes): it runs in the suite's PostgreSQL round
/// (KTVREC_TEST_POSTGRES set, as `.ci/run` does) and is reported skipped, with this reason, in the SQLite round.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres) Skip = "a scale-mode fault: runs in the PostgreSQL round (KTVREC_TEST_POSTGRES)";
    }
}
