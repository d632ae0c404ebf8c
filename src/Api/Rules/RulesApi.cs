using KtvRec.Api.Recommendations;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Rules;

/// <summary>The venue's rules about songs: block, promote, pin. They apply to every list at once, without a retrain.</summary>
internal static class RulesApi
{
    private const string AddDescription =
        "block: on no list, chart or similar list. promote: among the songs given KtvRec:Recommendations:PromotedShare of " +
        "every list's slots (spread over the list), in the model's order among them, with the reason promoted. pin: at " +
        "its position on every list, with the reason pinned. A promoted or pinned song still stays off a list that leaves it " +
        "out (the queue, a filter, sung a moment ago). Every node applies it within KtvRec:State:SyncSeconds, this one at once.";

    public static IServiceCollection AddRules(this IServiceCollection services) =>
        services.AddSingleton<RuleBook>().AddScoped<RuleStore>();

    public static RouteGroupBuilder MapRules(this IEndpointRouteBuilder routes)
    {
        // Reading the rules is a read (the dashboard shows them to anyone who may read); changing them needs an admin key.
        routes.MapGet("/rules", ListRules).WithTags("Rules").RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("The venue's rules, newest change first");
        var group = routes.MapGroup("/admin/rules").WithTags("Rules").RequireAuthorization(SecuritySetup.AdminPolicy);

        group.MapPost("/", AddRule)
            .WithSummary("Block, promote or pin a song, now or for a period")
            .WithDescription(AddDescription)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/{id}", RemoveRule)
            .WithSummary("Remove a rule")
            .WithDescription("The rule stops applying; its row stays (GET /rules?removed=true shows it). Removing it again is a no-op.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <param name="removed" example="false">Also the rules removed.</param>
    private static async Task<Ok<RuleListResponse>> ListRules(RuleStore rules, CancellationToken cancellationToken, bool removed = false) =>
        TypedResults.Ok(await rules.ListAsync(removed, cancellationToken));

    private static async Task<Results<Created<RuleResponse>, ValidationProblem>> AddRule(
        RuleRequest request, RuleStore rules, IOptions<RecommendationOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        request.Validate(errors, options.Value.MaxCount);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var rule = await rules.AddAsync(request, cancellationToken);
        if (rule is null) errors.Add("songId", $"'{request.SongId}' is not in the catalog.");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Created($"/admin/rules/{rule!.Id}", RuleResponse.From(rule, clock.GetUtcNow().UtcDateTime));
    }

    /// <param name="id" example="rule-0193a5c1e2f07c4e9b1d2a3f4e5d6c7b">The rule's id.</param>
    private static async Task<Results<Ok<RuleResponse>, ProblemHttpResult>> RemoveRule(
        string id, RuleStore rules, TimeProvider clock, CancellationToken cancellationToken) =>
        await rules.RemoveAsync(id, cancellationToken) is { } rule
            ? TypedResults.Ok(RuleResponse.From(rule, clock.GetUtcNow().UtcDateTime))
            : Problems.NotFound($"Rule '{id}' does not exist.");
}
