using KtvRec.Domain.Simulation;

namespace KtvRec.Cli;

internal static class SimulationArguments
{
    /// <summary>A simulated venue sized by the command line; its fixed calendar keeps every figure reproducible.</summary>
    public static SimulatedVenue Generate(CliArguments args)
    {
        var songs = args.Int("songs", 3000, 10, 1_000_000);
        return VenueSimulator.Generate(new SimulationOptions
        {
            Seed = args.Int("sim-seed", 42),
            Songs = songs,
            Artists = Math.Max(1, songs / 10),
            Users = args.Int("users", 300, 1, 10_000_000),
            Sessions = args.Int("sessions", 600, 1, 10_000_000),
            Days = args.Int("days", 28, 1, 3650),
        });
    }
}
