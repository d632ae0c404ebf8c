using System.Diagnostics;
using Npgsql;

namespace KtvRec.Api.Tests.Faults;

/// <summary>
/// A PostgreSQL server of one test's own: Debian's binaries (the ones tests/postgres.sh installs), run as the postgres
/// user on a free loopback port with its data in a temporary folder. A fault test may stop, restart or kill it without
/// touching the server the rest of the suite shares.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;
    private readonly int _port;

    private PrivatePostgres(string folder, string bin, int port) => (_folder, _bin, _port) = (folder, bin, port);

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=ktvrec;Timeout=5;Command Timeout=30";

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).OrderBy(v => v.Length).ThenBy(v => v).Last();
        var folder = Path.Combine(Path.GetTempPath(), "ktvrec-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        await RunAsync("chown", "postgres", folder);
        var server = new PrivatePostgres(folder, bin, new Uri(Operations.ServiceProcess.FreeUrl()).Port);
        await server.AsPostgresAsync("initdb", "-D", server.DataFolder, "-A", "trust", "-U", "postgres", "--no-sync");
        await server.UpAsync();
        return server;
    }

    /// <summary>Starts the server (after a stop or a kill: it recovers from its write-ahead log first).</summary>
    public Task UpAsync() => AsPostgresAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60",
        "-o", $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1", "start");

    /// <summary>A clean, fast shutdown: connections are closed, the server is gone until <see cref="UpAsync"/>.</summary>
    public Task StopAsync() => AsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");

    /// <summary>SIGKILL to the server and every backend: no checkpoint, no goodbye.</summary>
    public async Task KillAsync()
    {
        var postmaster = (await File.ReadAllLinesAsync(Path.Combine(DataFolder, "postmaster.pid")))[0];
        await RunAsync("pkill", "-KILL", "-P", postmaster);
        await RunAsync("kill", "-KILL", postmaster);
        while (File.Exists($"/proc/{postmaster}/status") && !(await File.ReadAllTextAsync($"/proc/{postmaster}/status")).Contains("zombie"))
            await Task.Delay(50);
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsPostgresAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_folder, recursive: true);
    }

    private Task AsPostgresAsync(string tool, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments]);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && file != "pkill")
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await errors}");
    }
}
