using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.State;

/// <summary>Settings under <c>KtvRec:State</c>: the users and rooms each node keeps in memory for requests.</summary>
internal sealed class StateOptions
{
    public const string Section = "KtvRec:State";

    /// <summary>Users kept in memory; past this, those unused longest are dropped (and read again on their next request).</summary>
    [Range(100, 10_000_000)]
    public int MaxUsers { get; set; } = 200_000;

    /// <summary>Room sessions kept in memory, likewise.</summary>
    [Range(10, 1_000_000)]
    public int MaxRooms { get; set; } = 20_000;

    /// <summary>
    /// How far back start-up reads events to fill the state (the training window's default): start-up time follows
    /// recent activity, not all history. A user seen only before is read in full on their first request.
    /// </summary>
    [Range(1, 3650)]
    public int WarmDays { get; set; } = 365;

    /// <summary>
    /// At most this many of the newest events are read at start-up, so the time to ready stays bounded however busy the
    /// window was. When the window holds more, the users seen are kept with what was read and completed from the
    /// database on their first request (one indexed read each), as a user not kept is.
    /// </summary>
    [Range(0, 100_000_000)]
    public int WarmEvents { get; set; } = 1_000_000;

    /// <summary>How often this node reads what other nodes stored (events and profiles) into its state.</summary>
    [Range(1, 3600)]
    public int SyncSeconds { get; set; } = 2;
}
