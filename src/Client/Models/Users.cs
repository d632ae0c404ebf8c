namespace KtvRec.Client.Models;

/// <summary>What a jukebox knows of a singer (<c>PUT /users/{id}</c>); schema <c>UserProfileRequest</c>. Every field is optional.</summary>
public sealed record UserProfile(int? BirthYear = null, string? Gender = null, string? Region = null, IReadOnlyList<string>? PreferredLanguages = null);

/// <summary>A singer as the service holds them; schema <c>UserResponse</c>.</summary>
public sealed record User(
    string Id, int? BirthYear, string? Gender, string? Region, IReadOnlyList<string> PreferredLanguages, DateTime CreatedAt, DateTime UpdatedAt);
