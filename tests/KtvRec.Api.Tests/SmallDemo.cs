using KtvRec.Api.Demo;

namespace KtvRec.Api.Tests;

/// <summary>Settings that load a small simulated venue at start-up: enough to train on in seconds.</summary>
internal static class SmallDemo
{
    public static readonly DemoOptions Options = new() { Enabled = true, Seed = 9, Songs = 200, Users = 40, Sessions = 150, Days = 14 };

    /// <summary>
    /// A gate that lets a barely different model through, for tests about what a served model does rather than about
    /// the gate: the small venue's 16 held-out users put a two- or three-epoch ranker within a few hundredths of its
    /// candidates, on either side depending on the machine and the day (the venue is simulated up to the day it runs).
    /// </summary>
    public static readonly (string Key, string Value) LenientGate = ("KtvRec:Training:GateTolerance", "0.5");

    public static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["KtvRec:Demo:Enabled"] = "true",
            ["KtvRec:Demo:Seed"] = $"{Options.Seed}",
            ["KtvRec:Demo:Songs"] = $"{Options.Songs}",
            ["KtvRec:Demo:Users"] = $"{Options.Users}",
            ["KtvRec:Demo:Sessions"] = $"{Options.Sessions}",
            ["KtvRec:Demo:Days"] = $"{Options.Days}",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }
}
