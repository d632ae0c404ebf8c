using BenchmarkDotNet.Reports;
using KtvRec.Bench.Report;

namespace KtvRec.Bench.Micro;

/// <summary>BenchmarkDotNet's summaries as a report section: mean time and managed allocation per operation.</summary>
public static class MicroSection
{
    public static BenchSection From(IEnumerable<Summary> summaries)
    {
        var section = new SectionBuilder("micro", "Micro-benchmarks (BenchmarkDotNet, in-process, short run)", "benchmark", "mean", "allocated per op");
        foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null))
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var parameters = report.BenchmarkCase.Parameters.DisplayInfo;
            var mean = report.ResultStatistics!.Mean / 1000.0;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            section.Row($"{name} {parameters}".Trim(), mean >= 1 ? $"{mean:N1} µs" : $"{mean * 1000:F1} ns", $"{allocated / 1024.0:N1} KB")
                .Figure($"{name}_mean_us", mean).Figure($"{name}_allocated_bytes", allocated);
        }
        return section.Note("Candidates: the service's default candidate count; model: the service's default DeepFM shape over a 3,000-song simulated venue.").Build();
    }
}
