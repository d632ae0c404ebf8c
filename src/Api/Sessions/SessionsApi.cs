using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KtvRec.Api.Sessions;

public static class SessionsApi
{
    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/sessions").WithTags("Sessions").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapPost("/", StartSession)
            .RequireAuthorization(SecuritySetup.IngestPolicy)
            .WithSummary("Start a room session")
            .WithDescription("Who sings together, where and when: the party size and time shape what is recommended.");
        group.MapPost("/{id}/end", EndSession).RequireAuthorization(SecuritySetup.IngestPolicy).WithSummary("End a room session").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}", GetSession).WithSummary("Get one room session").ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Created<SessionResponse>, Ok<SessionResponse>, ValidationProblem>> StartSession(
        StartSessionRequest request, SessionRegistry sessions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        request.Validate(errors, clock);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var started = await sessions.StartAsync(request, cancellationToken);
        if (!started.Created)
        {
            var played = await sessions.CountSongsPlayedAsync(started.Session.Id, cancellationToken);
            return TypedResults.Ok(SessionResponse.From(started.Session, played));
        }
        return TypedResults.Created($"/sessions/{Uri.EscapeDataString(started.Session.Id)}", SessionResponse.From(started.Session, 0));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult, ValidationProblem>> EndSession(
        string id, SessionRegistry sessions, CancellationToken cancellationToken, [FromBody] EndSessionRequest? request = null)
    {
        var (session, errors) = await sessions.EndAsync(id, request?.EndedAt, cancellationToken);
        if (session is null) return Problems.NotFound($"Session '{id}' does not exist.");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(SessionResponse.From(session, await sessions.CountSongsPlayedAsync(id, cancellationToken)));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSession(
        string id, SessionRegistry sessions, CancellationToken cancellationToken)
    {
        var session = await sessions.FindAsync(id, cancellationToken);
        return session is null
            ? Problems.NotFound($"Session '{id}' does not exist.")
            : TypedResults.Ok(SessionResponse.From(session, await sessions.CountSongsPlayedAsync(id, cancellationToken)));
    }
}
