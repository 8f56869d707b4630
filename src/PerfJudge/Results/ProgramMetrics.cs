using PerfJudge.Statistics;

namespace PerfJudge.Results;

/// <summary>Metrics of whole-program rows: <c>score</c> (IOI score in percent of each task's maximum, mean
/// over tasks of the mean over samples, 95% bootstrap interval over tasks) and <c>program_speedup</c>
/// (geometric mean over passed samples of the first reference's CPU time over the sample's).</summary>
public static class ProgramMetrics
{
    /// <summary>Adds the metrics of the program rows among <paramref name="rows"/>.</summary>
    public static void Add(IDictionary<string, MetricValue> metrics, IReadOnlyList<ResultRow> rows)
    {
        var perTask = rows.Where(r => r.Program is { MaxScore: > 0 }).GroupBy(r => r.TaskId, StringComparer.Ordinal)
            .Select(g => g.Average(r => 100 * r.Program!.Score / r.Program.MaxScore)).ToList();
        if (perTask.Count > 0)
        {
            var ci = Bootstrap.MeanInterval(perTask);
            metrics["score"] = new MetricValue(perTask.Average(), ci.Low, ci.High, null);
        }
        var speedups = rows.Where(r => r.Program?.Speedup is > 0).Select(r => Math.Log(r.Program!.Speedup!.Value)).ToList();
        if (speedups.Count > 0)
        {
            metrics["program_speedup"] = new MetricValue(Math.Exp(speedups.Average()), null, null, null);
        }
    }
}
