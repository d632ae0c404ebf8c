using System.Net;
using System.Net.Http.Json;
using System.Text;
using KtvRec.Api.Songs;
using KtvRec.Api.Validation;

namespace KtvRec.Api.Tests.Songs;

public sealed class SongCatalogTests : ApiTest
{
    [Fact]
    public async Task PuttingANewSongCreatesItAndPuttingAgainReplacesIt()
    {
        var song = new SongEntry(null, "Moonlight", "Kamei", "Mandarin", "Ballad", 1999, 241, ["sad", "slow"]);

        var created = await Client.PutAsJsonAsync("/songs/s1", song);
        var replaced = await Client.PutAsJsonAsync("/songs/s1", song with { Title = "Moonlight (Live)" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var stored = await Client.GetFromJsonAsync<SongResponse>("/songs/s1");
        Assert.Equal("Moonlight (Live)", stored!.Title);
        Assert.Equal(["sad", "slow"], stored.Tags);
        Assert.Equal(1999, stored.ReleaseYear);
    }

    [Fact]
    public async Task APutWhoseBodyNamesAnotherIdIsRefusedNamingTheField()
    {
        var response = await Client.PutAsJsonAsync("/songs/s1", new SongEntry("s2", "Moonlight", "Kamei", "Mandarin", "Ballad"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("s1", Assert.Single(problem.ErrorsFor("id")));
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/songs/s2")).StatusCode);
    }

    [Fact]
    public async Task ASongWithoutTitleIsRejected()
    {
        var response = await Client.PutAsJsonAsync("/songs/s1", new { artist = "Kamei", language = "Mandarin", genre = "Pop", durationSeconds = -3 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("title"));
        Assert.NotEmpty(problem.ErrorsFor("durationSeconds"));
    }

    [Fact]
    public async Task AnUnknownSongIsNotFoundProblemDetails()
    {
        var problem = await (await Client.GetAsync("/songs/nothing")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("'nothing'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheCatalogListsPagesAndFiltersIgnoringCase()
    {
        await Client.PostAsJsonAsync("/songs/batch", new[]
        {
            new SongEntry("a", "A", "Kamei", "Mandarin", "Pop"),
            new SongEntry("b", "B", "Kamei", "Mandarin", "Ballad"),
            new SongEntry("c", "C", "Rose", "English", "Pop"),
        });

        var page = await Client.GetFromJsonAsync<Page<SongResponse>>("/songs?limit=2&offset=1");
        var mandarinPop = await Client.GetFromJsonAsync<Page<SongResponse>>("/songs?language=mandarin&genre=POP");
        var byArtist = await Client.GetFromJsonAsync<Page<SongResponse>>("/songs?artist=rose");

        Assert.Equal(3, page!.Total);
        Assert.Equal(["b", "c"], page.Items.Select(s => s.Id));
        Assert.Equal(["a"], mandarinPop!.Items.Select(s => s.Id));
        Assert.Equal(["c"], byArtist!.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task AJsonBatchWithABadItemStoresNothing()
    {
        var response = await Client.PostAsJsonAsync("/songs/batch", new[]
        {
            new SongEntry("a", "A", "Kamei", "Mandarin", "Pop"),
            new SongEntry("b", "", "Kamei", "Mandarin", "Pop"),
            new SongEntry("a", "A again", "Kamei", "Mandarin", "Pop"),
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("[1].title"));
        Assert.Contains("[0]", problem.ErrorsFor("[2].id")[0]);
        Assert.Equal(0, (await Client.GetFromJsonAsync<Page<SongResponse>>("/songs"))!.Total);
    }

    [Fact]
    public async Task ACatalogWithPaddedTextsImportsTidiedAndSaysHowManyItTidied()
    {
        var response = await Client.PostAsJsonAsync("/songs/batch", new[]
        {
            new SongEntry("p1", "Moonlight Promise ", " Kamei  12", "Mandarin", "Ballad", Tags: [" duet", "slow"]),
            new SongEntry("p2", "Rain\tAgain", "Rose", "English ", "Pop"),
            new SongEntry("p3", "Clean", "Rose", "English", "Pop"),
        });

        Assert.Equal(new CatalogImportResponse(3, 0, 2), await response.ReadAsync<CatalogImportResponse>());
        var first = await Client.GetFromJsonAsync<SongResponse>("/songs/p1");
        Assert.Equal(("Moonlight Promise", "Kamei 12"), (first!.Title, first.Artist));
        Assert.Equal(["duet", "slow"], first.Tags);
        var second = await Client.GetFromJsonAsync<SongResponse>("/songs/p2");
        Assert.Equal(("Rain Again", "English"), (second!.Title, second.Language));

        // What tidying cannot mend keeps its error: an id with a space, a title of spaces only, a control character.
        var bad = await Client.PostAsJsonAsync("/songs/batch", new[]
        {
            new SongEntry("p 4", "Fine", "Rose", "English", "Pop"), new SongEntry("p5", "   ", "Rose", "English", "Pop"),
            new SongEntry("p6", "Bell\u0007", "Rose", "English", "Pop"),
        });
        var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, new[] { "[0].id", "[1].title", "[2].title" }.Count(field => problem.ErrorsFor(field).Length > 0));
    }

    [Fact]
    public async Task ACsvCatalogIsImported()
    {
        const string csv = """
            id,title,artist,language,genre,release_year,duration,tags,notes
            s1,"Rain, Again",Kamei,Mandarin,Ballad,2004,245,sad|slow,ignored
            s2,"The ""Best"" Song",Rose,English,Pop,,,"duet; upbeat",
            """;

        var response = await Client.PostAsync("/songs/batch/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(new CatalogImportResponse(2, 0, 0), await response.ReadAsync<CatalogImportResponse>());
        var first = await Client.GetFromJsonAsync<SongResponse>("/songs/s1");
        var second = await Client.GetFromJsonAsync<SongResponse>("/songs/s2");
        Assert.Equal(("Rain, Again", 2004, 245), (first!.Title, first.ReleaseYear, first.DurationSeconds));
        Assert.Equal(["sad", "slow"], first.Tags);
        Assert.Equal("The \"Best\" Song", second!.Title);
        Assert.Equal(["duet", "upbeat"], second.Tags);
        Assert.Null(second.ReleaseYear);
    }

    [Fact]
    public async Task ACsvRowWithAnErrorIsNamedByItsLineAndNothingIsStored()
    {
        const string csv = "id,title,artist,language,genre,releaseYear\ns1,A,Kamei,Mandarin,Pop,2001\ns2,B,Kamei,Mandarin,Pop,soon\ns3,,Kamei,Mandarin,Pop,\n";

        var response = await Client.PostAsync("/songs/batch/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'soon'", problem.ErrorsFor("line 3: releaseYear")[0]);
        Assert.NotEmpty(problem.ErrorsFor("line 4: title"));
        Assert.Equal(0, (await Client.GetFromJsonAsync<Page<SongResponse>>("/songs"))!.Total);
    }

    [Fact]
    public async Task ACsvWithoutTheRequiredColumnsIsRejected()
    {
        var response = await Client.PostAsync("/songs/batch/csv", new StringContent("id,title\ns1,A\n", Encoding.UTF8, "text/csv"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.ErrorsFor("line 1"), message => message.Contains("'artist'"));
    }

    [Fact]
    public async Task ACsvUploadMustSayItIsCsv()
    {
        var response = await Client.PostAsync("/songs/batch/csv", new StringContent("id,title", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
