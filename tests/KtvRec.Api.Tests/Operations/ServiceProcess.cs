using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace KtvRec.Api.Tests.Operations;

/// <summary>The service as a real process on a loopback port: started from a built or published folder, killable.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServiceProcess(Process process, string url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public string Url { get; }
    public HttpClient Http { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Settings for a service that only ingests and serves: no training, no rate limit (the process tests load it hard).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["KtvRec:Training:Enabled"] = "false",
        ["KtvRec:Training:TrainOnStartup"] = "false",
        ["KtvRec:Limits:RateLimitEnabled"] = "false",
    };

    /// <summary><see cref="Quiet"/> on the suite's engine: SQLite in the SQLite round; in the PostgreSQL round, the database <paramref name="database"/> (a data directory) names.</summary>
    public static Dictionary<string, string?> QuietOn(string database) =>
        new Dictionary<string, string?>(Quiet).Concat(TestDatabase.Settings(database)).ToDictionary();

    /// <summary>The service built beside the tests (its apphost is copied into the test output).</summary>
    public static string BuiltFolder => AppContext.BaseDirectory;

    /// <param name="url">Where it listens; a free loopback port when null (give the same one to restart it where clients expect it).</param>
    public static ServiceProcess Start(string folder, string dataDirectory, IReadOnlyDictionary<string, string?> settings, string? url = null)
    {
        url ??= FreeUrl();
        var start = new ProcessStartInfo(Path.Combine(folder, "KtvRec.Api"))
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["KtvRec__DataDirectory"] = dataDirectory;
        start.Environment["KtvRec__Auth__AllowAnonymous"] = "true";
        start.Environment["ASPNETCORE_URLS"] = url;
        var service = new ServiceProcess(Process.Start(start)!, url);
        service._process.OutputDataReceived += (_, e) => { lock (service._log) service._log.AppendLine(e.Data); };
        service._process.ErrorDataReceived += (_, e) => { lock (service._log) service._log.AppendLine(e.Data); };
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Polls GET <paramref name="path"/> until it answers 200 and returns its body, failing if the process dies first or <paramref name="timeout"/> passes.</summary>
    public async Task<string> WaitForAsync(string path, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The service exited with {_process.ExitCode}:\n{Log}");
            try
            {
                var response = await Http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{path} did not answer 200 within the time allowed:\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
    }

    /// <summary>A loopback address on a port free now.</summary>
    public static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>How many times each client event id is stored in the database of the service in <paramref name="dataDirectory"/> (the suite's engine).</summary>
    public static Task<Dictionary<string, int>> StoredEventIdsAsync(string dataDirectory) => StoredEventIdsAsync(TestDatabase.IsPostgres
        ? new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString(dataDirectory))
        : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "ktvrec.db")};Mode=ReadOnly;Pooling=False"));

    /// <summary>How many times each client event id is stored in the database <paramref name="connection"/> (not yet open) reaches.</summary>
    public static async Task<Dictionary<string, int>> StoredEventIdsAsync(System.Data.Common.DbConnection connection)
    {
        await using var _ = connection;
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "ClientEventId", count(*) FROM "Events" WHERE "ClientEventId" IS NOT NULL GROUP BY "ClientEventId" """;
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, int>();
        while (await reader.ReadAsync()) stored[reader.GetString(0)] = (int)reader.GetInt64(1);
        return stored;
    }
}
