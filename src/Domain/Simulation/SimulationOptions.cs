namespace KtvRec.Domain.Simulation;

/// <summary>The size and seed of a simulated venue. The same options always give the same venue.</summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; } = 42;
    public int Songs { get; init; } = 3000;
    public int Artists { get; init; } = 300;
    public int Users { get; init; } = 300;
    public int Sessions { get; init; } = 600;
    public int Rooms { get; init; } = 12;

    /// <summary>The simulated weeks end on this day (UTC); sessions spread over <see cref="Days"/> before it.</summary>
    public DateOnly EndDate { get; init; } = new(2026, 1, 1);
    public int Days { get; init; } = 28;
}
