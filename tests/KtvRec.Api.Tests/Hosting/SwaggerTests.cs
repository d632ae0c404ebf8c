using System.Net;
using System.Text.Json;

namespace KtvRec.Api.Tests.Hosting;

public sealed class SwaggerTests
{
    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpoint()
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
    }
}
