using System.Net;

namespace KtvRec.Api.Tests.Events;

/// <summary>A body the service cannot read as events: a ProblemDetails that says where and what, never a 500.</summary>
public sealed class EventBodyTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1");
    }

    [Theory]
    [InlineData("{\"type\":\"dance\",\"userId\":\"a\",\"songId\":\"s1\"}", "$.type", "one of play, complete, skip, like, favorite, score, impression")]
    [InlineData("{\"events\":[{\"type\":\"play\",\"userId\":7,\"songId\":\"s1\"}]}", "$.events[0].userId", "a string")]
    [InlineData("{\"type\":\"play\",\"userId\":\"a\",\"songId\":\"s1\",\"timestamp\":\"soon\"}", "$.timestamp", "ISO 8601")]
    [InlineData("{\"type\":\"play\",", "line 1", "end of data")]
    [InlineData("{\"type\":1,\"userId\":\"a\",\"songId\":\"s1\"}", "$.type", "one of play")]
    [InlineData("[]", "event object", "events")]
    public async Task MalformedJsonGetsProblemDetailsSayingWhere(string body, string where, string what)
    {
        var response = await Client.PostAsync("/events", ProblemAssertions.JsonText(body));

        await response.AssertBadRequestSayingAsync(where, what);
    }

    [Fact]
    public async Task EventsAreNotJsonAreUnsupportedMediaType()
    {
        var response = await Client.PostAsync("/events", new StringContent("type=play", System.Text.Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task EventsWithoutAContentTypeGetAProblemSayingWhatToSend()
    {
        var body = new ByteArrayContent("{\"events\":[]}"u8.ToArray());

        var response = await Client.PostAsync("/events", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString());
    }
}
