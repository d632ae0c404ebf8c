using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Operations;

/// <summary>The deployment as the Dockerfile builds it: the published output, started on loopback, and the compose file.</summary>
[Collection(HeavyTests.Name)]
public sealed class DeploymentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ThePublishedServiceStartsBecomesReadyTrainsAndExportsTheModelVersion()
    {
        using var work = new TempDirectory();
        var publish = Path.Combine(work.Path, "app");
        var (code, log) = await RunAsync("dotnet", $"publish src/Api/KtvRec.Api.csproj -c Release -o \"{publish}\" --nologo -v minimal", RepositoryRoot.Path, TimeSpan.FromMinutes(8));
        Assert.True(code == 0, log);
        // On a host whose libstdc++ is older than TorchSharp's (Debian 12), the build fixes every copy but says so once.
        Assert.True(log.Split("is weak").Length - 1 <= 1, log);

        await using var service = ServiceProcess.Start(publish, Path.Combine(work.Path, "data"), SmallDemo.Settings(
            ("KtvRec:Training:Hidden", "32,32"), ("KtvRec:Training:Epochs", "2"), ("KtvRec:Training:RankingUsers", "20"),
            ("KtvRec:Training:QueuePollSeconds", "1")));
        try
        {
            var ready = await service.WaitForAsync("/health/ready");
            var model = await service.WaitForAsync("/models/current");
            var metrics = await service.Http.GetStringAsync("/metrics");

            Assert.Equal("Healthy", JsonDocument.Parse(ready).RootElement.GetProperty("status").GetString());
            var version = JsonDocument.Parse(model).RootElement.GetProperty("version").GetString();
            Assert.Contains($"ktvrec_model_version_info{{version=\"{version}\",kind=\"deepfm\"}} 1", metrics);
        }
        finally
        {
            output.WriteLine(service.Log);
        }
    }

    [Fact]
    public async Task ComposeRefusesToStartWithoutTheOperatorsSecrets()
    {
        var (code, log) = await RunAsync("docker-compose", "config -q", RepositoryRoot.Path, TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, code);
        Assert.Contains("deploy/new-secrets.sh", log);
    }

    [Theory]
    [InlineData("single")]
    [InlineData("scale")]
    public async Task EachProfileWithFreshSecretsRequiresKeysForEverythingAndRunsNothingOpen(string profile)
    {
        using var work = new TempDirectory();
        var secrets = Path.Combine(work.Path, "secrets.env");
        var (made, env) = await RunAsync("bash", $"deploy/new-secrets.sh {profile}", RepositoryRoot.Path, TimeSpan.FromMinutes(1));
        Assert.Equal(0, made);
        File.WriteAllText(secrets, env);

        var (code, log) = await RunAsync("docker-compose", $"--env-file \"{secrets}\" config", RepositoryRoot.Path, TimeSpan.FromMinutes(1));

        Assert.True(code == 0, $"docker-compose config failed: {log}");
        Assert.DoesNotContain("AllowAnonymous", log);
        Assert.DoesNotContain("change-me", log);
        // Every node of the file (config lists both profiles' services) runs Production with keys for everything.
        var nodes = log.Split("ASPNETCORE_ENVIRONMENT: Production").Length - 1;
        Assert.Equal(4, nodes);
        Assert.Equal(nodes, log.Split("KtvRec__Auth__AdminKeys__0:").Length - 1);
        Assert.Equal(nodes, log.Split("KtvRec__Auth__IngestKeys__0:").Length - 1);
        Assert.Equal(nodes, log.Split("KtvRec__Auth__ProtectReads: \"true\"").Length - 1);
        Assert.Equal(nodes, log.Split("KtvRec__Feedback__IdSecret:").Length - 1);
        // The simulated venue is for trials only (KTVREC_DEMO=true), never a shipped default.
        Assert.Equal(2, log.Split("KtvRec__Demo__Enabled: \"false\"").Length - 1);
        if (profile == "scale")
        {
            Assert.Contains("KtvRec__Database__Provider: postgres", log);
            Assert.Equal(2, log.Split("KtvRec__Role: api").Length - 1);
            Assert.Contains("KtvRec__Role: worker", log);
            Assert.Contains("nginx.conf", log);
            // The proxy serves TLS only, with the operator's certificate folder.
            Assert.Contains("published: 8443", log);
            Assert.Contains("/deploy/tls:/etc/nginx/tls:ro", log);
        }
    }

    [Fact]
    public async Task TheScaleProxyServesTlsOnlyWithACertificateForTheNamesClientsUse()
    {
        using var work = new TempDirectory();
        var script = Path.Combine(work.Path, "new-tls-cert.sh");
        File.Copy(Path.Combine(RepositoryRoot.Path, "deploy", "new-tls-cert.sh"), script);

        var (code, log) = await RunAsync("bash", $"\"{script}\" ktvrec.venue.example 10.1.2.3", work.Path, TimeSpan.FromMinutes(1));

        Assert.True(code == 0, log);
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(work.Path, "tls", "cert.pem"));
        var names = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["ktvrec.venue.example", "localhost"], names.EnumerateDnsNames().Order());
        Assert.Equal(["10.1.2.3", "127.0.0.1"], names.EnumerateIPAddresses().Select(ip => ip.ToString()).Order());
        // The key is for the proxy alone.
        var key = Path.Combine(work.Path, "tls", "key.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(key));
        var nginx = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "nginx.conf"));
        Assert.Contains("listen 8443 ssl;", nginx);
        Assert.Contains("ssl_certificate /etc/nginx/tls/cert.pem;", nginx);
        Assert.Contains("ssl_certificate_key /etc/nginx/tls/key.pem;", nginx);
        Assert.DoesNotMatch(@"listen\s+\d+;", nginx);
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
}
