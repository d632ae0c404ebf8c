using System.Net;
using System.Text.Json;

namespace KtvRec.Api.Tests.Hosting;

public sealed class SwaggerTests
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointWithoutALockWhenTheServiceRunsOpen()
    {
        await using var app = new KtvRecApp();
        var client = app.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Superset(
            new HashSet<string>
            {
                "/events", "/users/{id}", "/users", "/songs/{id}", "/songs", "/songs/batch", "/songs/batch/csv",
                "/sessions", "/sessions/{id}/end", "/sessions/{id}", "/recommendations/{userId}", "/stats",
            },
            paths);
        var ingest = document.GetProperty("paths").GetProperty("/events").GetProperty("post");
        Assert.Contains("batch", ingest.GetProperty("description").GetString());
        Assert.True(ingest.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.DoesNotContain(Operations(document), operation => operation.TryGetProperty("security", out _));
    }

    [Fact]
    public async Task QueryParametersShowWhatTheyMeanAndTheirLimits()
    {
        await using var app = new KtvRecApp();

        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var count = Parameter(document, "/recommendations/{userId}", "count");
        Assert.Contains("How many songs", count.GetProperty("description").GetString());
        Assert.Equal((1, 100), (count.GetProperty("schema").GetProperty("minimum").GetInt32(), count.GetProperty("schema").GetProperty("maximum").GetInt32()));
        Assert.Contains("room session", Parameter(document, "/recommendations/{userId}", "sessionId").GetProperty("description").GetString());
        Assert.Equal(500, Parameter(document, "/songs", "limit").GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.Contains("ignoring case", Parameter(document, "/songs", "language").GetProperty("description").GetString());
        foreach (var path in new[] { "/recommendations/{userId}", "/sessions/{sessionId}/recommendations", "/songs/{songId}/similar" })
        {
            foreach (var name in new[] { "language", "genre", "decade", "tag", "artist", "exclude" })
            {
                var parameter = Parameter(document, path, name);
                Assert.StartsWith(name == "exclude" ? "Song ids" : "Only songs", parameter.GetProperty("description").GetString());
                Assert.True(parameter.TryGetProperty("example", out _), $"{path} {name} has no example");
            }
        }
        Assert.Equal("u00007", Parameter(document, "/recommendations/{userId}", "userId").GetProperty("example").GetString());
    }

    [Fact]
    public async Task WithKeysOnlyTheOperationsThatNeedOneShowALock()
    {
        await using var app = new KtvRecApp(new Dictionary<string, string?> { ["KtvRec:Auth:IngestKeys:0"] = "ingest-key-1234567890" });

        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/events").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/songs").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/recommendations/{userId}").GetProperty("get").TryGetProperty("security", out _));
    }

    private static IEnumerable<JsonElement> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(operation => operation.Value));

    private static JsonElement Parameter(JsonElement document, string path, string name) =>
        document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);
}
