namespace KtvRec.Bench.Stability;

/// <summary>A process's resident set (VmRSS from /proc), native allocations included: what the machine actually gives it.</summary>
public static class ResidentMemory
{
    public static double MegabytesOf(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]);
        return kilobytes / 1024.0;
    }
}
