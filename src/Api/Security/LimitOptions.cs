using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Security;

/// <summary>Settings under <c>KtvRec:Limits</c>: how much one request and one client may send.</summary>
internal sealed class LimitOptions
{
    public const string Section = "KtvRec:Limits";

    /// <summary>The largest request body; a larger one gets 413.</summary>
    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 16L << 20;

    /// <summary>Rate limiting per API key, or per client address when the service runs open.</summary>
    public bool RateLimitEnabled { get; set; } = true;

    /// <summary>Requests a second each client may sustain.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 200;

    /// <summary>Requests a client may send at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;
}
