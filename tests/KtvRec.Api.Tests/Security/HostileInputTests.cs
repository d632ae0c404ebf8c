using System.Net.Http.Json;
using System.Text;
using KtvRec.Api.Sessions;
using KtvRec.Api.Stats;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Security;

/// <summary>A generated corpus of hostile requests: every one must get a 4xx ProblemDetails, none a 5xx, none a write.</summary>
public sealed class HostileInputTests(ITestOutputHelper output) : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2");
        (await Client.PostAsJsonAsync("/sessions", new StartSessionRequest("night", "room-01", ["alice"]))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task EveryHostileRequestGetsA4xxProblemDetailsAndWritesNothing()
    {
        var before = await Client.GetFromJsonAsync<StatsResponse>("/stats");
        var corpus = HostileCorpus.Build().ToList();

        var failures = new List<string>();
        foreach (var request in corpus)
        {
            using var response = await Client.SendAsync(request.ToMessage());
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json" || body.Length == 0)
                failures.Add($"{request} -> {status} {response.Content.Headers.ContentType?.MediaType}: {body[..Math.Min(body.Length, 200)]}");
        }
        var after = await Client.GetFromJsonAsync<StatsResponse>("/stats");

        output.WriteLine($"{corpus.Count} hostile requests, {failures.Count} not answered with a 4xx ProblemDetails");
        Assert.True(corpus.Count >= 300, $"only {corpus.Count} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.Equal(before, after);
    }
}

public sealed record HostileRequest(string Method, string Url, string? Body = null, string ContentType = "application/json")
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null) message.Content = new StringContent(Body, Encoding.UTF8, ContentType);
        return message;
    }

    public override string ToString() => $"{Method} {Url[..Math.Min(Url.Length, 80)]} {Body?[..Math.Min(Body.Length, 80)]}";
}

internal static class HostileCorpus
{
    private static readonly string Huge = new('x', 10_000);

    private static readonly string[] BrokenJson =
        ["", "{", "[", "nul", "{\"type\":}", "{\"type\":\"play\",}", "\"just a string\"", "42", "true", "{\"a\":1}{\"b\":2}",
         "\u0000", "{'type':'play'}", "{\"type\":\"play\" \"userId\":\"a\"}", new string('[', 2000) + new string(']', 2000)];

    private static readonly string[] NotStrings = ["123", "-1", "1e400", "true", "[]", "{}", "-99999999999999999999"];

    private static readonly string[] BadIds =
        ["\"" + Huge + "\"", "\"a\\u0001b\"", "\"../../etc/passwd\"", "\"..\"", "\"a/b\"", "\"%2e%2e\"", "\"\"", "\"   \"",
         "\"a b\"", "\"\\ud800\"", "\"<script>\"", "\"' OR 1=1 --\""];

    /// <summary>For each field of an event, values that are wrong for it.</summary>
    private static readonly Dictionary<string, string[]> WrongValues = new()
    {
        ["type"] = [.. NotStrings, "\"dance\"", "\"\"", "\"NaN\"", "\"play; drop table\""],
        ["userId"] = [.. NotStrings, .. BadIds],
        ["songId"] = [.. NotStrings, .. BadIds],
        ["sessionId"] = [.. NotStrings, .. BadIds],
        ["eventId"] = [.. NotStrings, .. BadIds],
        ["timestamp"] = ["123", "true", "[]", "{}", "\"not-a-date\"", "\"2999-01-01T00:00:00Z\"", "\"1999-12-31T23:59:59Z\"", "\"\"", "\"NaN\""],
        ["score"] = ["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400", "123", "-1", "100.01", "true", "[]", "{}", "\"abc\""],
    };

    /// <summary>Wrong for every numeric or text field of a profile, a song or a session.</summary>
    private static readonly string[] WrongScalars = [.. NotStrings.Skip(1), .. BadIds.Take(3), "\"NaN\"", "\"2999-01-01T00:00:00Z\""];

    private static readonly Dictionary<string, string> ValidEvent = new()
    {
        ["type"] = "\"score\"", ["userId"] = "\"alice\"", ["songId"] = "\"s1\"", ["sessionId"] = "\"night\"",
        ["eventId"] = "\"e-1\"", ["timestamp"] = "\"2026-01-01T20:00:00Z\"", ["score"] = "90",
    };

    public static IEnumerable<HostileRequest> Build()
    {
        foreach (var json in BrokenJson)
        {
            yield return new("POST", "/events", json);
            yield return new("PUT", "/users/alice", json);
            yield return new("PUT", "/songs/s1", json);
            yield return new("POST", "/songs/batch", json);
            yield return new("POST", "/sessions", json);
        }

        // Each required field of an event dropped; each field replaced by each wrong value, alone and inside a batch.
        foreach (var field in new[] { "type", "userId", "songId", "score" })
            yield return new("POST", "/events", Object(ValidEvent, without: field));
        foreach (var (field, values) in WrongValues)
        {
            foreach (var value in values)
            {
                yield return new("POST", "/events", Object(ValidEvent, field, value));
                yield return new("POST", "/events", $"{{\"events\":[{Object(ValidEvent)},{Object(ValidEvent, field, value)}]}}");
            }
        }
        foreach (var type in new[] { "\"dance\"", "\"\"", "\"play; drop table\"", "7", "null" })
            yield return new("POST", "/events", Object(ValidEvent, "type", type));
        yield return new("POST", "/events", "{\"events\":[]}");
        yield return new("POST", "/events", "{\"events\":null}");
        yield return new("POST", "/events", "{\"events\":[null]}");
        yield return new("POST", "/events", "{\"events\":" + "[" + string.Join(",", Enumerable.Repeat(Object(ValidEvent), 1001)) + "]}");
        yield return new("POST", "/events", Object(ValidEvent), "text/plain");

        foreach (var value in WrongScalars)
        {
            yield return new("PUT", "/users/alice", $"{{\"birthYear\":{value}}}");
            if (NotStrings.Contains(value)) yield return new("PUT", "/users/alice", $"{{\"preferredLanguages\":[{value}]}}");
            yield return new("PUT", "/songs/s1", $"{{\"title\":{value},\"artist\":\"A\",\"language\":\"Mandarin\",\"genre\":\"Pop\",\"durationSeconds\":-5}}");
            yield return new("POST", "/sessions", $"{{\"room\":{value},\"userIds\":[]}}");
        }

        foreach (var id in new[] { "..", "%2e%2e", "..%2F..%2Fetc", "a%2Fb", "%20", "a%3Fb", ".hidden", new string('u', 300), "a%5Cb" })
        {
            yield return new("PUT", $"/users/{id}", "{}");
            yield return new("PUT", $"/songs/{id}", "{\"title\":\"A\",\"artist\":\"B\",\"language\":\"Mandarin\",\"genre\":\"Pop\"}");
            // HttpClient folds dot segments away before sending, so those two never reach this route.
            if (id is not (".." or "%2e%2e")) yield return new("GET", $"/recommendations/{id}");
            yield return new("POST", $"/sessions/{id}/end", "{}");
        }

        foreach (var query in new[] { "limit=-1", "limit=0", "limit=100000", "limit=abc", "offset=-5", "offset=1e9", "limit=2147483648" })
        {
            yield return new("GET", $"/users?{query}");
            yield return new("GET", $"/songs?{query}");
            if (query.StartsWith("limit", StringComparison.Ordinal)) yield return new("GET", $"/models?{query}");
        }
        foreach (var query in new[] { "count=0", "count=-3", "count=1000000", "count=99999999999999", "count=ten", "sessionId=..", "sessionId=nope" })
            yield return new("GET", $"/recommendations/alice?{query}");

        foreach (var csv in new[] { "", "id,title\ns1,A\n", "id,title,artist,language,genre\n\"s1,A,B,C,D\n", "id,title,artist,language,genre,releaseYear\ns9,A,B,C,D,soon\n",
                     "id,title,artist,language,genre\n../x,A,B,C,D\n", $"id,title,artist,language,genre\ns9,{Huge},B,C,D\n" })
        {
            yield return new("POST", "/songs/batch/csv", csv, "text/csv");
        }

        yield return new("POST", "/sessions/night/end", "{\"endedAt\":\"1999-01-01T00:00:00Z\"}");
        yield return new("DELETE", "/users/alice");
        yield return new("GET", "/no/such/thing");
        yield return new("POST", "/models/nope/activate");
    }

    private static string Object(Dictionary<string, string> fields, string? replace = null, string? value = null, string? without = null) =>
        "{" + string.Join(",", fields.Where(f => f.Key != without).Select(f => $"\"{f.Key}\":{(f.Key == replace ? value : f.Value)}")) + "}";
}
