using KtvRec.Api.Feedback;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Serving;

internal static class ModelsApi
{
    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/models").WithTags("Models").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapGet("/", ListModels).WithSummary("Every training run and model version, newest first");
        group.MapGet("/current", GetCurrent)
            .WithSummary("The model serving recommendations")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{version}/activate", Activate)
            .RequireAuthorization(SecuritySetup.AdminPolicy)
            .WithSummary("Serve an earlier (or rejected) version again: a rollback")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return group;
    }

    private static async Task<Results<Ok<List<ModelVersionResponse>>, ValidationProblem>> ListModels(
        KtvDbContext db, PickRates pickRates, CancellationToken cancellationToken, int limit = Paging.DefaultLimit)
    {
        var errors = new ValidationErrors();
        errors.CheckPage(limit, 0);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var versions = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.CreatedAt).Take(limit).ToListAsync(cancellationToken);
        var picked = PickRates.ByModel(await pickRates.GetAsync(cancellationToken));
        return TypedResults.Ok(versions.ConvertAll(v => ModelVersionResponse.From(v, picked)));
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> GetCurrent(
        ModelRegistry registry, PickRates pickRates, CancellationToken cancellationToken)
    {
        var active = await registry.ActiveAsync(cancellationToken);
        return active is null
            ? Problems.NotFound("No model serves yet; recommendations use popularity until the first training passes the gate.")
            : TypedResults.Ok(ModelVersionResponse.From(active, PickRates.ByModel(await pickRates.GetAsync(cancellationToken))));
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> Activate(
        string version, ModelRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(ModelVersionResponse.From(await registry.ActivateAsync(version, cancellationToken)));
        }
        catch (KeyNotFoundException exception)
        {
            return Problems.NotFound(exception.Message);
        }
        catch (Exception exception) when (exception is InvalidOperationException or InvalidDataException or IOException)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status409Conflict, title: "This version cannot serve.");
        }
    }
}
