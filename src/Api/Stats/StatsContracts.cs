using KtvRec.Domain.Events;

namespace KtvRec.Api.Stats;

/// <param name="LatestEventAt">When the newest event happened; null before the first.</param>
internal sealed record StatsResponse(int Users, int Songs, int Sessions, int Events, DateTime? LatestEventAt);

/// <param name="Hour">The hour's start (UTC).</param>
/// <param name="Type">The event type, as events are posted (play, complete, skip, like, favorite, score, impression).</param>
internal sealed record EventHour(DateTime Hour, EventType Type, int Count);

/// <param name="From">The first hour counted (UTC).</param>
/// <param name="Hours">One row per hour and type that had events, oldest first.</param>
internal sealed record EventTrafficResponse(DateTime From, IReadOnlyList<EventHour> Hours);
