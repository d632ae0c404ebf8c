using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KtvRec.Api.Sessions;

internal static class SessionsApi
{
    public static IServiceCollection AddSessions(this IServiceCollection services) => services.AddScoped<SessionRegistry>();

    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sessions").WithTags("Sessions").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapPost("/", StartSession)
            .RequireAuthorization(SecuritySetup.IngestPolicy)
            .WithSummary("Start a room session")
            .WithDescription("Who sings together, where and when: the party size and time shape what is recommended. " +
                "Starting an open session's id again returns it (200, a safe retry); an ended session's id is a 409: the room's next party is a new session.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListSessions).WithSummary("List room sessions, newest first")
            .WithDescription("status=open for the rooms singing now, ended for those that left, all (the default) for both.");
        group.MapPost("/{id}/end", EndSession).RequireAuthorization(SecuritySetup.IngestPolicy).WithSummary("End a room session").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetSession).WithSummary("Get one room session").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}/queue", SetQueue).RequireAuthorization(SecuritySetup.IngestPolicy)
            .WithSummary("Set the room's queue: songs left out of every list for the room and its members")
            .WithDescription("Replaces the queue; an empty list clears it. The room's list and each member's list with this sessionId leave " +
                "the queued songs out (on every node within KtvRec:State:SyncSeconds). Ids not in the catalog are kept: they are simply on no list.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Created<SessionResponse>, Ok<SessionResponse>, ProblemHttpResult, ValidationProblem>> StartSession(
        StartSessionRequest request, SessionRegistry sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        request.Validate(errors, clock);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var started = await sessions.StartAsync(request, cancellationToken);
        if (started.Created)
            return TypedResults.Created($"/sessions/{Uri.EscapeDataString(started.Session.Id)}", SessionResponse.From(started.Session, SessionActivity.None));
        if (started.Session.EndedAt is { } endedAt)
            return Problems.Conflict($"Session '{started.Session.Id}' ended at {endedAt:O}; start the room's next party as a new session (another id, or none).");
        return TypedResults.Ok(SessionResponse.From(started.Session, await sessions.ActivityAsync(started.Session.Id, cancellationToken)));
    }

    /// <param name="status">open (singing now), ended, or all.</param>
    /// <param name="limit">Items per page, 1 to 500.</param>
    /// <param name="offset">Items to skip: the page starts after them.</param>
    private static async Task<Results<Ok<Page<SessionResponse>>, ValidationProblem>> ListSessions(
        SessionRegistry sessions, CancellationToken cancellationToken, string status = "all", int limit = Paging.DefaultLimit, int offset = 0)
    {
        var errors = new ValidationErrors();
        errors.CheckPage(limit, offset);
        bool? ended = status.ToLowerInvariant() switch { "open" => false, "ended" => true, _ => null };
        if (ended is null && !status.Equals("all", StringComparison.OrdinalIgnoreCase)) errors.Add("status", $"must be open, ended or all (got '{status}').");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var (page, total) = await sessions.ListAsync(ended, limit, offset, cancellationToken);
        var activity = await sessions.ActivityAsync(page.ConvertAll(s => s.Id), cancellationToken);
        return TypedResults.Ok(new Page<SessionResponse>(page.ConvertAll(s => SessionResponse.From(s, activity[s.Id])), total, limit, offset));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult, ValidationProblem>> EndSession(
        string id, SessionRegistry sessions, CancellationToken cancellationToken, [FromBody] EndSessionRequest? request = null)
    {
        var (session, errors) = await sessions.EndAsync(id, request?.EndedAt, cancellationToken);
        if (session is null) return Problems.NotFound($"Session '{id}' does not exist.");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(SessionResponse.From(session, await sessions.ActivityAsync(id, cancellationToken)));
    }

    /// <param name="id" example="room07-tonight">The session's id.</param>
    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult, ValidationProblem>> SetQueue(
        string id, QueueRequest request, SessionRegistry sessions, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        request.Validate(errors);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var session = await sessions.SetQueueAsync(id, request.SongIds!, cancellationToken);
        return session is null
            ? Problems.NotFound($"Session '{id}' does not exist.")
            : TypedResults.Ok(SessionResponse.From(session, await sessions.ActivityAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSession(
        string id, SessionRegistry sessions, CancellationToken cancellationToken)
    {
        var session = await sessions.FindAsync(id, cancellationToken);
        return session is null
            ? Problems.NotFound($"Session '{id}' does not exist.")
            : TypedResults.Ok(SessionResponse.From(session, await sessions.ActivityAsync(id, cancellationToken)));
    }
}
