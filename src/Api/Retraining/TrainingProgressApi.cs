using Hangfire;
using KtvRec.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Retraining;

internal static class TrainingProgressApi
{
    public static RouteHandlerBuilder MapTrainingProgress(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/models/training", GetProgress)
            .WithTags("Models")
            .RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("The training run in progress on this node, epoch by epoch (or its last run)")
            .WithDescription(
                "Loss, validation AUC and NDCG, and samples/s of every epoch so far, for each trial of the search. Training " +
                "runs on the node whose Hangfire worker took the job: another node answers with its own last run, or none " +
                "(running false, version null). Poll it while a run lasts; GET /models has every run's outcome. Its schedule " +
                "says when the recurring full and incremental retrains run next.");

    private static Ok<TrainingProgressResponse> GetProgress(TrainingProgress progress, JobStorage storage) =>
        TypedResults.Ok(progress.Current with { Schedule = TrainingSchedule.Read(storage) });
}
