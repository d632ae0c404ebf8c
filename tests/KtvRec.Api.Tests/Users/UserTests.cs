using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.State;
using KtvRec.Api.Users;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.Users;

public sealed class UserTests : ApiTest
{
    [Fact]
    public async Task AProfileIsCreatedThenUpdated()
    {
        var created = await Client.PutAsJsonAsync("/users/alice", new UserProfileRequest(1995, "female", "Taipei", ["Mandarin", "English"]));
        var updated = await Client.PutAsJsonAsync("/users/alice", new UserProfileRequest(1995, Region: "Kaohsiung"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var alice = await Client.GetFromJsonAsync<UserResponse>("/users/alice");
        Assert.Equal("Kaohsiung", alice!.Region);
        Assert.Null(alice.Gender);
        Assert.Empty(alice.PreferredLanguages);
    }

    [Fact]
    public async Task ABadProfileNamesEachBadField()
    {
        var response = await Client.PutAsJsonAsync("/users/alice", new { birthYear = 1850, gender = new string('x', 65), preferredLanguages = new[] { "Mandarin", "\u0007" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("birthYear"));
        Assert.NotEmpty(problem.ErrorsFor("gender"));
        Assert.Contains("control characters", problem.ErrorsFor("preferredLanguages[1]")[0]);
    }

    [Theory]
    [InlineData("{\"birthYear\":1990.5}", "$.birthYear", "a whole number")]
    [InlineData("{\"preferredLanguages\":[1]}", "$.preferredLanguages[0]", "a string")]
    [InlineData("{\"preferredLanguages\":\"Mandarin\"}", "$.preferredLanguages", "an array of strings")]
    [InlineData("", "JSON body", "/swagger")]
    public async Task AProfileOfTheWrongShapeSaysWhereAndWhatWasExpected(string body, string where, string expected)
    {
        var response = await Client.PutAsync("/users/alice", ProblemAssertions.JsonText(body));

        await response.AssertBadRequestSayingAsync(where, expected);
    }

    [Fact]
    public async Task UsersArePagedInIdOrder()
    {
        foreach (var id in new[] { "carol", "alice", "bob" })
            await Client.PutAsJsonAsync($"/users/{id}", new UserProfileRequest());

        var page = await Client.GetFromJsonAsync<Page<UserResponse>>("/users?limit=2");

        Assert.Equal(3, page!.Total);
        Assert.Equal(["alice", "bob"], page.Items.Select(u => u.Id));
    }

    [Theory]
    [InlineData("/users?limit=0")]
    [InlineData("/users?offset=-1")]
    [InlineData("/users?limit=many")]
    public async Task ABadPageIsABadRequest(string url)
    {
        await (await Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownUserIsNotFound()
    {
        await (await Client.GetAsync("/users/nobody")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AProfileWrittenOnANodeWhoseClockRunsAnHourBehindReachesTheOthers()
    {
        using var data = new TempDirectory();
        await using var reader = new KtvRecApp(dataDirectory: data.Path);
        await using var behind = new KtvRecApp(dataDirectory: data.Path).WithWebHostBuilder(host => host.ConfigureTestServices(
            services => services.AddSingleton<TimeProvider>(new ClockBehind(TimeSpan.FromHours(1)))));
        (await reader.CreateClient().PutAsJsonAsync("/users/alice", new UserProfileRequest(PreferredLanguages: ["Mandarin"]))).EnsureSuccessStatusCode();
        var users = reader.Services.GetRequiredService<UserStates>();
        var alice = await users.GetAsync("alice", CancellationToken.None);

        (await behind.CreateClient().PutAsJsonAsync("/users/alice", new UserProfileRequest(PreferredLanguages: ["Cantonese"]))).EnsureSuccessStatusCode();
        await reader.Services.GetRequiredService<StateFeed>().ReadAsync(CancellationToken.None);

        Assert.Equal(["Cantonese"], alice.Profile!.PreferredLanguages);
    }

    private sealed class ClockBehind(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - by;
    }
}
