using Npgsql;

namespace KtvRec.Bench.Report;

/// <summary>The PostgreSQL databases one run of bench/run.sh created (ktvrec_bench_&lt;name&gt;_&lt;run&gt;, and _raw beside one).</summary>
public static class BenchDatabases
{
    /// <returns>How many were dropped.</returns>
    public static async Task<int> DropAsync(string connectionString, string run)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'ktvrec\\_bench\\_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        var ours = names.Where(n => n.EndsWith($"_{run}", StringComparison.Ordinal) || n.EndsWith($"_{run}_raw", StringComparison.Ordinal)).ToList();
        foreach (var name in ours)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        return ours.Count;
    }
}
