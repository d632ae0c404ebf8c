namespace KtvRec.Api.Tests;

/// <summary>
/// The system clock moved to an hour of today (UTC), ticking on from there: for tests whose outcome depends on the
/// hour (the model scores in the context of the hour), so they do not depend on when they run.
/// </summary>
public sealed class ClockAt(int hour) : TimeProvider
{
    private readonly TimeSpan _offset = DateTime.UtcNow.Date.AddHours(hour) - DateTime.UtcNow;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
