using Hangfire;
using KtvRec.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Retraining;

/// <param name="JobId">The Hangfire job; follow it on the dashboard at /hangfire.</param>
internal sealed record RetrainResponse(string JobId);

internal static class AdminApi
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").WithTags("Admin").RequireAuthorization(SecuritySetup.AdminPolicy);

        group.MapPost("/retrain", Retrain)
            .WithSummary("Train a new model now")
            .WithDescription(
                "Queues a training run on the training queue (one at a time) and returns its job id. The new model " +
                "serves only if it beats popularity and is not worse than the serving model; see GET /models. With " +
                "incremental=true the run grows the serving model by what was sung since its data instead of training " +
                "from scratch (it is skipped when nothing was, and trains from scratch when no model can be grown).");

        return group;
    }

    /// <param name="incremental">Grow the serving model instead of training from scratch.</param>
    private static Accepted<RetrainResponse> Retrain(IBackgroundJobClient jobs, bool incremental = false)
    {
        var jobId = incremental
            ? jobs.Enqueue<RetrainJob>(job => job.RunIncrementalAsync("manual", null, CancellationToken.None))
            : jobs.Enqueue<RetrainJob>(job => job.RunAsync("manual", null, CancellationToken.None));
        return TypedResults.Accepted($"/hangfire/jobs/details/{jobId}", new RetrainResponse(jobId));
    }
}
