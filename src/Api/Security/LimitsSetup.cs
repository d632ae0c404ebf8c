using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using KtvRec.Api.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Security;

internal static class LimitsSetup
{
    /// <summary>A token bucket per client (its API key, or its address when open); health and metrics are never limited.</summary>
    public static IServiceCollection AddLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<LimitOptions>(LimitOptions.Section);
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<LimitOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<LimitOptions>>((forwarded, limits) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not even loopback is believed by default.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds loopback by default, and the middleware still reads it.
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var network in limits.Value.TrustedProxyNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitOptions>>((options, limits) =>
        {
            var settings = limits.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                !settings.RateLimitEnabled || IsExempt(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("exempt")
                    : RateLimitPartition.GetTokenBucketLimiter(Client(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = settings.Burst,
                        TokensPerPeriod = settings.RequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"This client may send {settings.RequestsPerSecond} requests a second (bursts of {settings.Burst}); retry after {seconds} s.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>Refuses a declared body over the limit before reading it (Kestrel stops undeclared ones as they stream).</summary>
    /// <summary>
    /// Believes X-Forwarded-For/-Proto from the configured proxy networks only. With none configured the middleware is
    /// not used at all: with empty lists it would believe any sender.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.TrustedProxyNetworks.Count > 0) app.UseForwardedHeaders();
        return app;
    }

    public static WebApplication UseBodyLimit(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.MaxRequestBodyBytes;
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limit)
                throw new BadHttpRequestException($"The request body is {context.Request.ContentLength} bytes; at most {limit} are accepted (KtvRec:Limits:MaxRequestBodyBytes).", StatusCodes.Status413PayloadTooLarge);
            await next(context);
        });
        return app;
    }

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>
    /// A valid key's hash (never the key itself), else the client's address: made-up keys share their sender's bucket,
    /// so rotating keys does not escape the limit. Runs after authentication.
    /// </summary>
    private static string Client(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.Request.Headers.TryGetValue(ApiKeyHandler.Header, out var key)
            ? "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16]
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
