using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using KtvRec.Api.Stats;
using KtvRec.Domain.Events;

namespace KtvRec.Api.Tests.Stats;

public sealed class EventTrafficTests : ApiTest
{
    // Event types travel as the names events are posted with.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2");
    }

    [Fact]
    public async Task EventsAreCountedPerHourAndTypeOverTheDaysAskedFor()
    {
        var now = DateTime.UtcNow;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-2);
        var events = new object[]
        {
            new { type = "play", userId = "alice", songId = "s1", timestamp = hour.AddMinutes(5) },
            new { type = "play", userId = "bob", songId = "s2", timestamp = hour.AddMinutes(50) },
            new { type = "complete", userId = "alice", songId = "s1", timestamp = hour.AddMinutes(9) },
            new { type = "skip", userId = "bob", songId = "s1", timestamp = hour.AddHours(1).AddMinutes(1), progress = 0.2 },
            new { type = "like", userId = "bob", songId = "s1", timestamp = hour.AddDays(-3) },
        };
        (await Client.PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();

        var day = (await Client.GetFromJsonAsync<EventTrafficResponse>("/stats/events?days=1", Json))!;
        var week = (await Client.GetFromJsonAsync<EventTrafficResponse>("/stats/events?days=7", Json))!;

        Assert.Equal(hour.AddHours(2 - 23), day.From);
        Assert.Equal(
            [new EventHour(hour, EventType.Play, 2), new EventHour(hour, EventType.Complete, 1), new EventHour(hour.AddHours(1), EventType.Skip, 1)],
            day.Hours);
        Assert.Equal(new EventHour(hour.AddDays(-3), EventType.Like, 1), week.Hours[0]);
        Assert.Equal(4, week.Hours.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public async Task DaysOutsideOneToThirtyOneIsAProblem(int days)
    {
        var problem = await (await Client.GetAsync($"/stats/events?days={days}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor("days"));
    }
}
