using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace KtvRec.Api.Hosting;

/// <summary>
/// A database that cannot be reached for the moment (restarting, failing over, a cut connection) makes a 503
/// ProblemDetails with Retry-After, not a 500: the request may be sent again as it was, and events sent again with the
/// same eventIds are stored once. Only transient database errors; anything else stays a 500.
/// </summary>
internal sealed partial class DatabaseUnavailableHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception)) return false;
        LogUnavailable(logger, httpContext.Request.Path, exception.GetBaseException().Message);

        httpContext.Response.Headers.RetryAfter = $"{RetryAfterSeconds}";
        return await problemDetails.WriteProblemAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable,
            "The database is unavailable for the moment.",
            "This request was not acknowledged. Send it again in a few seconds: events sent again with the same eventIds are stored once.");
    }

    /// <summary>Whether the exception, or one it wraps (EF Core wraps the provider's), is a database error that may pass.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException { IsTransient: true }) return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database was unavailable for a request to {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string path, string reason);
}
