using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Users;

internal static class UsersApi
{
    public static IServiceCollection AddUsers(this IServiceCollection services) => services.AddScoped<UserDirectory>();

    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/users").WithTags("Users").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapPut("/{id}", PutUser)
            .RequireAuthorization(SecuritySetup.IngestPolicy)
            .WithSummary("Create or update a user's profile")
            .WithDescription("Users are also created on their first event; this fills in the profile the model can use.");
        group.MapGet("/{id}", GetUser).WithSummary("Get one user").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListUsers).WithSummary("List users, ordered by id");

        return group;
    }

    private static async Task<Results<Ok<UserResponse>, Created<UserResponse>, ValidationProblem>> PutUser(
        string id, UserProfileRequest profile, UserDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.CheckId("id", id);
        profile.Validate(errors, clock);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var (users, created) = await directory.UpsertAsync([(id, profile)], cancellationToken);
        var response = UserResponse.From(users[0]);
        return created == 1 ? TypedResults.Created($"/users/{Uri.EscapeDataString(id)}", response) : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(
        string id, KtvDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null
            ? Problems.NotFound($"User '{id}' does not exist.")
            : TypedResults.Ok(UserResponse.From(user));
    }

    /// <param name="limit">Items per page, 1 to 500.</param>
    /// <param name="offset">Items to skip: the page starts after them.</param>
    private static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> ListUsers(
        KtvDbContext db, CancellationToken cancellationToken, int limit = Paging.DefaultLimit, int offset = 0)
    {
        var errors = new ValidationErrors();
        errors.CheckPage(limit, offset);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var total = await db.Users.CountAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<UserResponse>(users.Select(UserResponse.From).ToList(), total, limit, offset));
    }
}
