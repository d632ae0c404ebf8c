using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KtvRec.Api.Tests.Operations;

public sealed class HealthAndMetricsTests : ApiTest
{
    [Fact]
    public async Task LiveAndReadyAreHealthyWithEveryReadinessCheckListed()
    {
        var live = await Client.GetAsync("/health/live");
        var ready = await Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        foreach (var check in new[] { "database", "model", "hangfire" })
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
        Assert.Contains("popularity", checks.GetProperty("model").GetProperty("description").GetString());
    }

    [Fact]
    public async Task AnApiNodeIsReadyWithoutATrainingWorkerWhichTheTrainingCheckReportsApart()
    {
        // An API node runs no Hangfire server; no worker shares its (per-test) database.
        await using var app = new KtvRecApp(new() { ["KtvRec:Role"] = "api" });
        var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var training = await client.GetAsync("/health/training");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.True(checks.TryGetProperty("database", out _));
        Assert.False(checks.TryGetProperty("hangfire", out _));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, training.StatusCode);
        var report = JsonDocument.Parse(await training.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("hangfire").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ATrainingNodesTrainingCheckIsHealthy()
    {
        var training = await Client.GetAsync("/health/training");

        Assert.Equal(HttpStatusCode.OK, training.StatusCode);
    }

    [Fact]
    public async Task MetricsCountIngestedEventsRecommendationsAndRequestsPerEndpoint()
    {
        await App.AddSongsAsync("s1");
        (await Client.PostAsJsonAsync("/events", new { type = "favorite", userId = "metrics-user", songId = "s1" })).EnsureSuccessStatusCode();
        (await Client.GetAsync("/recommendations/metrics-user")).EnsureSuccessStatusCode();

        var metrics = await Client.GetStringAsync("/metrics");

        Assert.Matches("""ktvrec_events_ingested_total\{type="favorite"\} [1-9]""", metrics);
        Assert.Matches("""ktvrec_recommendations_total\{strategy="popularity"\} [1-9]""", metrics);
        Assert.Contains("""http_request_duration_seconds_bucket{code="200",method="GET",controller="",action="",endpoint="/recommendations/{userId}""", metrics);
        Assert.Contains("ktvrec_training_runs_total", metrics);
    }
}
