using KtvRec.Api.Feedback;
using KtvRec.Api.Storage;
using KtvRec.Domain.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KtvRec.Api.Security;

/// <summary>
/// In Production, refuses to start with a secret left at its placeholder: an API key or database password that still
/// says "change-me" (or is shorter than <see cref="MinKeyLength"/>), or, once keys are configured, the public default
/// <see cref="FeedbackOptions.IdSecret"/> (anyone could mint recommendationIds with it). The shipped compose file takes
/// every secret from the operator's environment, so a copy-pasted example cannot reach Production.
/// </summary>
internal sealed class ProductionSecrets(
    IOptions<AuthOptions> auth, IOptions<FeedbackOptions> feedback, IOptions<DatabaseOptions> database, IHostEnvironment environment) : IHostedService
{
    /// <summary>A key shorter than this is guessable (deploy/new-secrets.sh makes 64 hex characters).</summary>
    public const int MinKeyLength = 16;

    private static readonly string[] Placeholders = ["change-me", "changeme", "placeholder", "replace-me", "example"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsProduction()) return Task.CompletedTask;
        var problems = new List<string>();
        var keys = auth.Value.IngestKeys.Select(k => ("KtvRec:Auth:IngestKeys", k)).Concat(auth.Value.AdminKeys.Select(k => ("KtvRec:Auth:AdminKeys", k)));
        foreach (var (setting, key) in keys)
        {
            if (IsPlaceholder(key)) problems.Add($"{setting} holds a placeholder key");
            else if (key.Length < MinKeyLength) problems.Add($"{setting} holds a key of {key.Length} characters; at least {MinKeyLength}");
        }
        if (!auth.Value.IsOpen && (feedback.Value.IdSecret == new FeedbackOptions().IdSecret || IsPlaceholder(feedback.Value.IdSecret)))
            problems.Add("KtvRec:Feedback:IdSecret is the public default or a placeholder: anyone could mint recommendationIds");
        if (database.Value is { Kind: DatabaseProvider.Postgres, ConnectionString: { } connection } && IsPlaceholder(new NpgsqlConnectionStringBuilder(connection).Password ?? ""))
            problems.Add("KtvRec:Database:ConnectionString has a placeholder password");
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions),
                [.. problems.Select(p => $"{p}. In Production the service refuses to start with placeholder secrets; make real ones with deploy/new-secrets.sh (docs/operations.md).")]);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsPlaceholder(string secret) => Placeholders.Any(p => secret.Contains(p, StringComparison.OrdinalIgnoreCase));
}
