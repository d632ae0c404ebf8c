using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KtvRec.Api.Tests.Security;

public sealed class ApiKeyTests
{
    private const string Jukebox = "jukebox-key-0123456789";
    private const string Staff = "staff-key-9876543210";

    private static KtvRecApp App(bool protectReads = false) => new(new Dictionary<string, string?>
    {
        ["KtvRec:Auth:IngestKeys:0"] = Jukebox,
        ["KtvRec:Auth:AdminKeys:0"] = Staff,
        ["KtvRec:Auth:ProtectReads"] = protectReads ? "true" : "false",
    });

    private static HttpClient Client(KtvRecApp app, string? key)
    {
        var client = app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task WritesNeedAnIngestKeyAndTheAnswerIsProblemDetails()
    {
        await using var app = App();
        var song = new { title = "A", artist = "B", language = "Mandarin", genre = "Pop" };

        var none = await Client(app, null).PutAsJsonAsync("/songs/s1", song);
        var wrong = await Client(app, "not-a-key").PutAsJsonAsync("/songs/s1", song);
        var jukebox = await Client(app, Jukebox).PutAsJsonAsync("/songs/s1", song);
        var staff = await Client(app, Staff).PostAsJsonAsync("/events", new { type = "play", userId = "u", songId = "s1" });

        Assert.Contains("X-Api-Key", (await none.AssertProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Contains("not hold a valid key", (await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, jukebox.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
    }

    [Fact]
    public async Task AdminEndpointsNeedAnAdminKey()
    {
        await using var app = App();

        var jukebox = await Client(app, Jukebox).PostAsync("/admin/retrain", null);
        var dashboard = await Client(app, Jukebox).GetAsync("/hangfire");
        var activate = await Client(app, Jukebox).PostAsync("/models/x/activate", null);
        var staff = await Client(app, Staff).PostAsync("/admin/retrain", null);
        var staffDashboard = await Client(app, Staff).GetAsync("/hangfire");

        await jukebox.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        await activate.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, staff.StatusCode);
        Assert.Equal(HttpStatusCode.OK, staffDashboard.StatusCode);
    }

    [Fact]
    public async Task ReadsAreOpenUnlessProtected()
    {
        await using (var open = App())
            Assert.Equal(HttpStatusCode.OK, (await Client(open, null).GetAsync("/recommendations/anyone")).StatusCode);

        await using var protectedReads = App(protectReads: true);
        await (await Client(protectedReads, null).GetAsync("/recommendations/anyone")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Client(protectedReads, Jukebox).GetAsync("/recommendations/anyone")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(protectedReads, null).GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task WithoutKeysTheServiceRunsOpenExceptInProductionUnlessAllowed()
    {
        await using (var open = new KtvRecApp())
            Assert.Equal(HttpStatusCode.Accepted, (await open.CreateClient().PostAsync("/admin/retrain", null)).StatusCode);

        await using var production = new KtvRecApp(environment: "Production");
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => production.CreateClient());
        Assert.Contains("KtvRec:Auth:AllowAnonymous", error.Message);

        await using var allowed = new KtvRecApp(new Dictionary<string, string?> { ["KtvRec:Auth:AllowAnonymous"] = "true" }, environment: "Production");
        Assert.Equal(HttpStatusCode.OK, (await allowed.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task SwaggerLetsAUserEnterAKey()
    {
        await using var app = App();
        var document = JsonDocument.Parse(await Client(app, null).GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
    }
}
