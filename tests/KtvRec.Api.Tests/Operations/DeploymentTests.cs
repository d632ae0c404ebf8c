using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Operations;

/// <summary>The deployment as the Dockerfile builds it: the published output, started on loopback, and the compose file.</summary>
public sealed class DeploymentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThePublishedServiceStartsBecomesReadyTrainsAndExportsTheModelVersion()
    {
        using var work = new TempDirectory();
        var publish = Path.Combine(work.Path, "app");
        var (code, log) = await RunAsync("dotnet", $"publish src/Api/KtvRec.Api.csproj -c Release -o \"{publish}\" --nologo -v quiet", RepositoryRoot.Path, TimeSpan.FromMinutes(8));
        Assert.True(code == 0, log);

        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo(Path.Combine(publish, "KtvRec.Api")) { WorkingDirectory = publish, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in SmallDemo.Settings(
            ("KtvRec:Training:Hidden", "32,32"), ("KtvRec:Training:Epochs", "2"), ("KtvRec:Training:RankingUsers", "20"),
            ("KtvRec:Training:QueuePollSeconds", "1"), ("KtvRec:Auth:AllowAnonymous", "true")))
            start.Environment[key.Replace(":", "__")] = value;
        start.Environment["KtvRec__DataDirectory"] = Path.Combine(work.Path, "data");
        start.Environment["ASPNETCORE_URLS"] = url;
        using var service = Process.Start(start)!;
        var serviceLog = new System.Text.StringBuilder();
        service.OutputDataReceived += (_, e) => { lock (serviceLog) serviceLog.AppendLine(e.Data); };
        service.ErrorDataReceived += (_, e) => { lock (serviceLog) serviceLog.AppendLine(e.Data); };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            var ready = await PollAsync(async () =>
            {
                var response = await http.GetAsync("/health/ready");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            }, service);
            var model = await PollAsync(async () =>
            {
                var response = await http.GetAsync("/models/current");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
            }, service);
            var metrics = await http.GetStringAsync("/metrics");

            Assert.Equal("Healthy", JsonDocument.Parse(ready).RootElement.GetProperty("status").GetString());
            var version = JsonDocument.Parse(model).RootElement.GetProperty("version").GetString();
            Assert.Contains($"ktvrec_model_version_info{{version=\"{version}\",kind=\"deepfm\"}} 1", metrics);
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
            lock (serviceLog) output.WriteLine(serviceLog.ToString());
        }
    }

    [Fact]
    public async Task DockerComposeAcceptsTheComposeFile()
    {
        var (code, log) = await RunAsync("docker-compose", "config -q", RepositoryRoot.Path, TimeSpan.FromMinutes(1));

        Assert.True(code == 0, $"docker-compose config failed: {log}");
    }

    private static async Task<string> PollAsync(Func<Task<string?>> attempt, Process service)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(service.HasExited, $"the service exited with {(service.HasExited ? service.ExitCode : 0)}");
            try
            {
                if (await attempt() is { } result) return result;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The published service did not get there within 3 minutes.");
    }

    private static async Task<(int Code, string Log)> RunAsync(string file, string arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, $"{file} could not be started ({exception.Message}); .ci/run installs it (apt-get install docker-compose).");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cancel.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
