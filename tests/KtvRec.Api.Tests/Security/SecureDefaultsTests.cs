using System.Net;
using KtvRec.Api.Dashboard;
using KtvRec.Api.Security;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Tests.Security;

/// <summary>What a shipped configuration may not leave open: placeholder secrets, cross-site admin actions, a dashboard without headers.</summary>
public sealed class SecureDefaultsTests
{
    private const string IngestKey = "0123456789abcdef-jukebox";
    private const string AdminKey = "fedcba9876543210-staff";

    [Fact]
    public async Task ProductionRefusesToStartWithPlaceholderSecrets()
    {
        await using (var placeholder = Production(("KtvRec:Auth:IngestKeys:0", "change-me-jukebox"), ("KtvRec:Feedback:IdSecret", "0123456789abcdef0123")))
            Assert.Contains("KtvRec:Auth:IngestKeys holds a placeholder key", Assert.Throws<OptionsValidationException>(() => placeholder.CreateClient()).Message);
        await using (var shortKey = Production(("KtvRec:Auth:AdminKeys:0", "admin"), ("KtvRec:Feedback:IdSecret", "0123456789abcdef0123")))
            Assert.Contains("a key of 5 characters", Assert.Throws<OptionsValidationException>(() => shortKey.CreateClient()).Message);
        await using (var defaultIdSecret = Production())
            Assert.Contains("KtvRec:Feedback:IdSecret is the public default", Assert.Throws<OptionsValidationException>(() => defaultIdSecret.CreateClient()).Message);

        await using var secured = Production(("KtvRec:Feedback:IdSecret", "0123456789abcdef0123"));
        Assert.Equal(HttpStatusCode.OK, (await secured.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task AdminActionsRefuseWhatAPageOnAnotherSiteCanMakeABrowserSend()
    {
        await using var app = new KtvRecApp();
        var client = app.CreateClient();

        var form = await client.PostAsync("/admin/retrain", new FormUrlEncodedContent([new("x", "1")]));
        var text = await client.PostAsync("/admin/retrain", new StringContent("x"));
        var foreign = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/retrain") { Headers = { { "Origin", "https://evil.example" } } });
        var crossSite = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/models/v1/activate") { Headers = { { "Sec-Fetch-Site", "cross-site" } } });
        var ownPage = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/retrain") { Headers = { { "Origin", "http://localhost" } } });

        await form.AssertProblemAsync(HttpStatusCode.Forbidden);
        await text.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("evil.example", (await foreign.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        await crossSite.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, ownPage.StatusCode);
    }

    [Fact]
    public async Task TheHangfireDashboardTakesTheAdminKeyFromItsOwnCookie()
    {
        await using var app = new KtvRecApp(new()
        {
            ["KtvRec:Auth:IngestKeys:0"] = IngestKey,
            ["KtvRec:Auth:AdminKeys:0"] = AdminKey,
        });
        var client = app.CreateClient();
        Task<HttpResponseMessage> Send(HttpMethod method, string path, string? cookieKey)
        {
            var request = new HttpRequestMessage(method, path);
            if (cookieKey is not null) request.Headers.Add("Cookie", $"{ApiKeyHandler.HangfireCookie}={cookieKey}");
            return client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/hangfire", AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/hangfire", IngestKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/hangfire", null)).StatusCode);
        // Only there: the cookie is no key for the API itself.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, "/admin/retrain", AdminKey)).StatusCode);
    }

    [Fact]
    public async Task TheDashboardIsServedWithSecurityHeaders()
    {
        await using var app = new KtvRecApp();

        var page = await app.CreateClient().GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(DashboardSetup.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    private static KtvRecApp Production(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["KtvRec:Auth:IngestKeys:0"] = IngestKey, ["KtvRec:Auth:AdminKeys:0"] = AdminKey };
        foreach (var (key, value) in settings) all[key] = value;
        return new KtvRecApp(all, environment: "Production");
    }
}
