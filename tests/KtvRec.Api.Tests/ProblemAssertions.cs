using System.Net;
using System.Text.Json;

namespace KtvRec.Api.Tests;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 body with the status and returns it for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The messages a validation problem gives for one field.</summary>
    public static string[] ErrorsFor(this JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : throw new Xunit.Sdk.XunitException($"no error for '{field}' in {problem}");

    /// <summary>Asserts a 400 whose detail mentions every one of <paramref name="parts"/>.</summary>
    public static async Task AssertBadRequestSayingAsync(this HttpResponseMessage response, params string[] parts)
    {
        var detail = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()!;
        foreach (var part in parts) Assert.Contains(part, detail);
    }

    /// <summary>A body sent as JSON exactly as written, broken or not.</summary>
    public static StringContent JsonText(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }
}
