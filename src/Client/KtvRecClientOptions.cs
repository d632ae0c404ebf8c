namespace KtvRec.Client;

/// <summary>Where the service is and how to talk to it.</summary>
public sealed record KtvRecClientOptions
{
    /// <summary>The service's address, e.g. <c>http://ktvrec.venue.local:8080</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Sent as <c>X-Api-Key</c>; null when the service runs open.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How long one call may take before it is given up (a jukebox screen must not hang).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
