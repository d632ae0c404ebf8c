using System.Net;
using System.Net.Http.Json;

namespace KtvRec.Api.Tests.Security;

public sealed class LimitTests
{
    [Fact]
    public async Task AClientOverItsRateGets429WithRetryAfter()
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?>
        {
            ["KtvRec:Limits:RateLimitEnabled"] = "true",
            ["KtvRec:Limits:RequestsPerSecond"] = "2",
            ["KtvRec:Limits:Burst"] = "5",
        });
        var client = app.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++) responses.Add(await client.GetAsync("/stats"));
        var health = await client.GetAsync("/health/live");

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(responses.Count(r => r.IsSuccessStatusCode), 5, 8);
        Assert.NotEmpty(limited);
        Assert.True(int.Parse(limited[0].Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Contains("retry after", (await limited[0].AssertProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task ABodyOverTheLimitGets413()
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?> { ["KtvRec:Limits:MaxRequestBodyBytes"] = "2048" });

        var response = await app.CreateClient().PostAsJsonAsync("/events", new { type = "play", userId = new string('u', 4000), songId = "s1" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("KtvRec:Limits:MaxRequestBodyBytes", problem.GetProperty("detail").GetString());
    }
}
