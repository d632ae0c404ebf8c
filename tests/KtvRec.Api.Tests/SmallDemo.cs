using KtvRec.Api.Demo;

namespace KtvRec.Api.Tests;

/// <summary>Settings that load a small simulated venue at start-up: enough to train on in seconds.</summary>
internal static class SmallDemo
{
    public static readonly DemoOptions Options = new() { Enabled = true, Seed = 9, Songs = 200, Users = 40, Sessions = 150, Days = 14 };

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
