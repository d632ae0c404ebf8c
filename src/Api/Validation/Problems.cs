using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Validation;

internal static class Problems
{
    /// <summary>A 404 as application/problem+json, saying what was not found.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>A 409: the request is well formed but clashes with what the service already holds.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
}
