using System.Net;
using KtvRec.Api.Tests.Operations;

namespace KtvRec.Api.Tests.Security;

/// <summary>Behind a proxy each client keeps its own rate-limit bucket, and only the configured proxies are believed.</summary>
[Collection(HeavyTests.Name)]
public sealed class ForwardedHeadersTests
{
    /// <summary>
    /// Six quick requests from one forwarded client (a burst of two, one more a second), then two from another: how many
    /// of each were refused.
    /// </summary>
    private static async Task<(int First, int Other)> RefusedBehindTheProxyAsync(string? trustedNetwork)
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?>(ServiceProcess.Quiet)
        {
            ["KtvRec:Limits:RateLimitEnabled"] = "true",
            ["KtvRec:Limits:RequestsPerSecond"] = "1",
            ["KtvRec:Limits:Burst"] = "2",
        };
        if (trustedNetwork is not null) settings["KtvRec:Limits:TrustedProxyNetworks:0"] = trustedNetwork;
        await using var service = ServiceProcess.Start(ServiceProcess.BuiltFolder, data.Path, settings);
        await service.WaitForAsync("/health/ready");
        async Task<int> RefusedAsync(string client, int requests)
        {
            var refused = 0;
            for (var i = 0; i < requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/stats") { Headers = { { "X-Forwarded-For", client } } };
                using var response = await service.Http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) refused++;
            }
            return refused;
        }

        return (await RefusedAsync("203.0.113.7", 6), await RefusedAsync("203.0.113.8", 2));
    }

    [Fact]
    public async Task ATrustedProxysClientsEachHaveTheirOwnBucketAndAnUntrustedOnesShareIt()
    {
        // The tests' loopback connection plays the proxy.
        var trusted = await RefusedBehindTheProxyAsync("127.0.0.0/8");
        var untrusted = await RefusedBehindTheProxyAsync(null);

        Assert.True(trusted.First >= 3, $"{trusted.First} of 6 refused");
        Assert.Equal(0, trusted.Other);
        Assert.True(untrusted.Other >= 1, $"the second client's requests were not counted in the proxy's bucket ({untrusted.First} of the first's 6 refused)");
    }
}
