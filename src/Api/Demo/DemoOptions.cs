using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Demo;

/// <summary>Settings under <c>KtvRec:Demo</c>: a simulated venue loaded into an empty database.</summary>
internal sealed class DemoOptions
{
    public const string Section = "KtvRec:Demo";

    /// <summary>Load the simulated venue when the database is empty (on by default in Development).</summary>
    public bool Enabled { get; set; }

    public int Seed { get; set; } = 42;

    [Range(10, 100_000)]
    public int Songs { get; set; } = 3000;

    [Range(10, 100_000)]
    public int Users { get; set; } = 300;

    [Range(1, 100_000)]
    public int Sessions { get; set; } = 500;

    /// <summary>How many days of history to simulate, ending today.</summary>
    [Range(1, 365)]
    public int Days { get; set; } = 28;
}
