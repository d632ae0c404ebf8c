using KtvRec.Api.Validation;
using KtvRec.Domain;
using KtvRec.Domain.Users;

namespace KtvRec.Api.Users;

/// <summary>What a user told the venue about themselves; every field is optional.</summary>
/// <param name="BirthYear">Year of birth, 1900 to this year.</param>
/// <param name="Gender">Free text, e.g. female, male, other.</param>
/// <param name="Region">Where they live, e.g. Taipei.</param>
/// <param name="PreferredLanguages">Languages they like to sing in, e.g. Mandarin, English.</param>
internal sealed record UserProfileRequest(
    int? BirthYear = null, string? Gender = null, string? Region = null, IReadOnlyList<string>? PreferredLanguages = null)
{
    public void Validate(ValidationErrors errors, TimeProvider clock)
    {
        errors.CheckRange("birthYear", BirthYear, 1900, clock.GetUtcNow().Year);
        errors.CheckText("gender", Gender, Limits.ShortTextLength);
        errors.CheckText("region", Region, Limits.ShortTextLength);
        errors.CheckList("preferredLanguages", PreferredLanguages, Limits.MaxPreferredLanguages, Limits.ShortTextLength);
    }
}

internal sealed record UserResponse(
    string Id, int? BirthYear, string? Gender, string? Region, IReadOnlyList<string> PreferredLanguages,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static UserResponse From(User user) => new(
        user.Id, user.BirthYear, user.Gender, user.Region, user.PreferredLanguages, user.CreatedAt, user.UpdatedAt);
}
