using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Songs;

internal static class SongsApi
{
    public static IServiceCollection AddSongs(this IServiceCollection services) => services.AddScoped<SongCatalog>();

    public static RouteGroupBuilder MapSongs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/songs").WithTags("Songs").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapPut("/{id}", PutSong).RequireAuthorization(SecuritySetup.IngestPolicy).WithSummary("Add a song to the catalog or replace its entry");
        group.MapGet("/{id}", GetSong).WithSummary("Get one song").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListSongs).WithSummary("List the catalog, optionally filtered by language, artist or genre (ignoring case)");
        group.MapPost("/batch", ImportJson)
            .RequireAuthorization(SecuritySetup.IngestPolicy)
            .WithSummary("Add or replace many songs at once (JSON array)")
            .WithDescription(
                $"All or nothing; up to {SongCatalog.MaxImportSize} songs. Texts are trimmed and runs of white space made one " +
                "space first (the answer counts the songs that changed); each item still bad is named by index.");
        group.MapPost("/batch/csv", ImportCsv)
            .RequireAuthorization(SecuritySetup.IngestPolicy)
            .Accepts<string>("text/csv")
            .WithSummary("Add or replace many songs from a CSV spreadsheet")
            .WithDescription(
                $"A header row ({SongCsvParser.Columns}; tags separated by | or ;), then one song a row. " +
                "Other columns are ignored. All or nothing; each bad row is named by its line.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return group;
    }

    private static async Task<Results<Ok<SongResponse>, Created<SongResponse>, ValidationProblem>> PutSong(
        string id, SongEntry song, SongCatalog catalog, KtvDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (song.Id is not null && song.Id != id) errors.Add("id", $"must be the path's id '{id}' or left out (got '{song.Id}').");
        var item = (song with { Id = id }).Tidied().Entry;
        catalog.Validate([item], errors, _ => "");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var result = await catalog.UpsertAsync([item], cancellationToken);
        var stored = SongResponse.From(await db.Songs.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken));
        return result.Created == 1 ? TypedResults.Created($"/songs/{Uri.EscapeDataString(id)}", stored) : TypedResults.Ok(stored);
    }

    private static async Task<Results<Ok<SongResponse>, ProblemHttpResult>> GetSong(
        string id, KtvDbContext db, CancellationToken cancellationToken)
    {
        var song = await db.Songs.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return song is null
            ? Problems.NotFound($"Song '{id}' is not in the catalog.")
            : TypedResults.Ok(SongResponse.From(song));
    }

    /// <param name="limit">Items per page, 1 to 500.</param>
    /// <param name="offset">Items to skip: the page starts after them.</param>
    /// <param name="language">Only songs in this language (ignoring case), e.g. Mandarin.</param>
    /// <param name="artist">Only this artist's songs (ignoring case).</param>
    /// <param name="genre">Only songs of this genre (ignoring case).</param>
    private static async Task<Results<Ok<Page<SongResponse>>, ValidationProblem>> ListSongs(
        KtvDbContext db, CancellationToken cancellationToken,
        int limit = Paging.DefaultLimit, int offset = 0, string? language = null, string? artist = null, string? genre = null)
    {
        var errors = new ValidationErrors();
        errors.CheckPage(limit, offset);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var songs = db.Songs.AsNoTracking();
        // Filters ignore case: a jukebox asking for "mandarin" means the catalog's "Mandarin".
        if (!string.IsNullOrEmpty(language)) songs = songs.Where(s => s.Language.ToLower() == language.ToLower());
        if (!string.IsNullOrEmpty(artist)) songs = songs.Where(s => s.Artist.ToLower() == artist.ToLower());
        if (!string.IsNullOrEmpty(genre)) songs = songs.Where(s => s.Genre.ToLower() == genre.ToLower());

        var total = await songs.CountAsync(cancellationToken);
        var page = await songs.OrderBy(s => s.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<SongResponse>(page.Select(SongResponse.From).ToList(), total, limit, offset));
    }

    private static async Task<Results<Ok<CatalogImportResponse>, ValidationProblem>> ImportJson(
        List<SongEntry?> songs, SongCatalog catalog, CancellationToken cancellationToken)
    {
        if (songs.Contains(null))
        {
            var nullItem = new ValidationErrors();
            nullItem.Add($"[{songs.IndexOf(null)}]", "must be a song object, not null.");
            return TypedResults.ValidationProblem(nullItem.ToDictionary());
        }
        var (items, normalized) = SongCatalog.Tidy(songs.Select(s => s!));
        var errors = new ValidationErrors();
        catalog.Validate(items, errors, i => $"[{i}].");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "No song was stored.");
        return TypedResults.Ok(await catalog.UpsertAsync(items, cancellationToken, normalized));
    }

    private static async Task<Results<Ok<CatalogImportResponse>, ValidationProblem>> ImportCsv(
        HttpRequest request, SongCatalog catalog, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException("Send the catalog with Content-Type: text/csv.", StatusCodes.Status415UnsupportedMediaType);

        // Kestrel allows no synchronous reads: take the whole text first (bounded by the request size limit).
        using var body = new StreamReader(request.Body);
        var parsed = SongCsvParser.Parse(new StringReader(await body.ReadToEndAsync(cancellationToken)));
        var errors = parsed.Errors;
        var (items, normalized) = SongCatalog.Tidy(parsed.Songs);
        catalog.Validate(items, errors, i => $"line {parsed.LineNumbers[i]}: ");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "No song was stored.");
        return TypedResults.Ok(await catalog.UpsertAsync(items, cancellationToken, normalized));
    }
}
