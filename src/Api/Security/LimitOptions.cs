using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Security;

/// <summary>Settings under <c>KtvRec:Limits</c>: how much one request and one client may send.</summary>
internal sealed class LimitOptions : IValidatableObject
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

    /// <summary>
    /// The networks (CIDR, e.g. 172.28.0.0/16) of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed: behind them a client's address (its rate-limit bucket when the service runs open, and the logs) is the
    /// one the proxy saw. Empty (the default): forwarded headers are ignored, so no client can claim another's address.
    /// </summary>
    public List<string> TrustedProxyNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxyNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _))
            .Select(network => new ValidationResult($"'{network}' is not a network in CIDR form, e.g. 172.28.0.0/16.", [nameof(TrustedProxyNetworks)]));

    /// <summary>Requests a client may send at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 400;
}
