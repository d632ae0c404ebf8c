using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Validation;

public static class Problems
{
    /// <summary>A 404 as application/problem+json, saying what was not found.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
