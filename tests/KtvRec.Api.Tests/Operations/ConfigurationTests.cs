using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Tests.Operations;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("KtvRec:Training:Epochs", "0")]
    [InlineData("KtvRec:Training:Model", "gbdt")]
    [InlineData("KtvRec:Recommendations:CandidateCount", "1")]
    [InlineData("KtvRec:Ingest:MaxBatchSize", "-5")]
    [InlineData("KtvRec:Training:WindowDays", "-1")]
    public async Task ABadSettingStopsTheServiceWithAMessageNamingTheKey(string key, string value)
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains($"{key}:", error.Message);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Fact]
    public async Task ABadCronStopsTheServiceWithAMessageNamingTheKey()
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?>
        {
            ["KtvRec:Training:Enabled"] = "true",
            ["KtvRec:Training:Cron"] = "every hour",
        });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("KtvRec:Training:Cron 'every hour'", error.Message);
    }

    [Fact]
    public async Task HangfiresRoutineChatterIsLeftOutOfTheLogWhileTheServicesOwnLinesStay()
    {
        await using var app = new KtvRecApp();

        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Hangfire.Server.ExpirationManager").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Hangfire.Server.ExpirationManager").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("KtvRec.Api.Retraining.RetrainJob").IsEnabled(LogLevel.Information));
    }
}
