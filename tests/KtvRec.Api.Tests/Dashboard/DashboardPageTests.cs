using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KtvRec.Api.Tests.Dashboard;

public sealed class DashboardPageTests : ApiTest
{
    [Fact]
    public async Task TheRootLeadsToTheDashboardWhichLinksToSwagger()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var root = await client.GetAsync("/");
        var page = await client.GetStringAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/dashboard/", root.Headers.Location?.ToString());
        Assert.Contains("<title>KtvRec dashboard</title>", page);
        Assert.Contains("href=\"/swagger\"", page);
    }

    [Theory]
    [InlineData("dashboard.js")]
    [InlineData("charts.js")]
    [InlineData("dashboard.css")]
    public async Task ThePagesFilesAreServedEvenWhenReadsNeedAKey(string file)
    {
        await using var app = new KtvRecApp(new() { ["KtvRec:Auth:AdminKeys:0"] = "admin-key-1", ["KtvRec:Auth:ProtectReads"] = "true" });
        var client = app.CreateClient();

        var response = await client.GetAsync($"/dashboard/{file}");
        var models = await client.GetAsync("/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
    }
}
