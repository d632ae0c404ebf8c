using System.Reflection;
using System.Text.Json;
using KtvRec.Client;
using KtvRec.Client.Models;

namespace KtvRec.Api.Tests.ClientSdk;

/// <summary>The client's models against the service's own OpenAPI document: a field added to the API fails here until the client follows.</summary>
public sealed class ClientModelsTests : ApiTest
{
    public static TheoryData<Type, string> Models => new()
    {
        { typeof(SongEntry), "SongEntry" },
        { typeof(Song), "SongResponse" },
        { typeof(SongPage), "SongResponsePage" },
        { typeof(CatalogImport), "CatalogImportResponse" },
        { typeof(UserProfile), "UserProfileRequest" },
        { typeof(User), "UserResponse" },
        { typeof(StartSession), "StartSessionRequest" },
        { typeof(Session), "SessionResponse" },
        { typeof(PlayEvent), "EventRequest" },
        { typeof(IngestResult), "IngestResponse" },
        { typeof(RecommendationReason), "RecommendationReason" },
        { typeof(RecommendedSong), "RecommendedSong" },
        { typeof(RecommendationList), "RecommendationResponse" },
        { typeof(RoomRecommendationList), "RoomRecommendationResponse" },
        { typeof(SimilarSong), "SimilarSong" },
        { typeof(SimilarSongs), "SimilarSongsResponse" },
        { typeof(ProblemDetails), "HttpValidationProblemDetails" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task EachModelHasExactlyTheFieldsOfItsSchema(Type model, string schema)
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var expected = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).Order().ToList();

        var actual = model.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType == model && p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order().ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task TheEventTypesAreTheServicesOwn()
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var expected = document.GetProperty("components").GetProperty("schemas").GetProperty("EventType").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).Order().ToList();

        var actual = Enum.GetValues<EventType>().Select(type => JsonSerializer.Serialize(type).Trim('"')).Order().ToList();

        Assert.Equal(expected, actual);
    }
}
