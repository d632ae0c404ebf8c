using KtvRec.Api.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Security;

/// <summary>Who may do what: reads are open unless ProtectReads; writes need an ingest key; admin needs an admin key.</summary>
internal static class SecuritySetup
{
    public const string ReadPolicy = "read";
    public const string IngestPolicy = "ingest";
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddAuthentication(ApiKeyHandler.SchemeName).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddSingleton<IConfigureOptions<AuthorizationOptions>, PolicySetup>();
        services.AddHostedService<OpenServiceWarning>();
        services.AddHostedService<ProductionSecrets>();
        return services;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        // Between the two: limited per valid key, and a caller refused for its key still counts against its address.
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>With no keys configured every policy lets everyone through: the open demo mode.</summary>
    private sealed class PolicySetup(IOptions<AuthOptions> auth) : IConfigureOptions<AuthorizationOptions>
    {
        public void Configure(AuthorizationOptions options)
        {
            var settings = auth.Value;
            options.AddPolicy(ReadPolicy, policy =>
            {
                if (settings.IsOpen || !settings.ProtectReads) policy.RequireAssertion(_ => true);
                else policy.RequireRole(Roles.Ingest, Roles.Admin);
            });
            options.AddPolicy(IngestPolicy, policy =>
            {
                if (settings.IsOpen) policy.RequireAssertion(_ => true);
                else policy.RequireRole(Roles.Ingest, Roles.Admin);
            });
            options.AddPolicy(AdminPolicy, policy =>
            {
                if (settings.IsOpen) policy.RequireAssertion(_ => true);
                else policy.RequireRole(Roles.Admin);
            });
        }
    }

    /// <summary>Says loudly that the service is open, and refuses to be open in Production unless told so.</summary>
    private sealed class OpenServiceWarning(IOptions<AuthOptions> auth, IHostEnvironment environment, ILogger<OpenServiceWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = auth.Value;
            if (!settings.IsOpen) return Task.CompletedTask;
            if (environment.IsProduction() && !settings.AllowAnonymous)
            {
                throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions),
                    ["KtvRec:Auth: no API keys are configured (KtvRec:Auth:IngestKeys, KtvRec:Auth:AdminKeys); in Production " +
                     "the service refuses to run open. Configure keys, or set KtvRec:Auth:AllowAnonymous=true to run open anyway."]);
            }
            logger.LogWarning(
                "NO API KEYS ARE CONFIGURED: anyone who can reach this service can ingest events, change the catalog, " +
                "retrain and roll back models. Set KtvRec:Auth:IngestKeys and KtvRec:Auth:AdminKeys before exposing it.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
