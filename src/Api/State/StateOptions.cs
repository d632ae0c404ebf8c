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

    /// <summary>How often this node reads what other nodes stored (events and profiles) into its state.</summary>
    [Range(1, 3600)]
    public int SyncSeconds { get; set; } = 2;
}
