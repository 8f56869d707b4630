using System.Globalization;
using PerfJudge.Metrics;
using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>Derived views of a <see cref="Report"/> that several renderers share (pure functions).</summary>
public static class ReportViews
{
    /// <summary>The metric a leaderboard ranks by: eff@1 on efficiency runs, else pass@1 (else the first pass@k).</summary>
    public static string PrimaryMetric(Report report)
    {
        var names = report.Models.SelectMany(m => m.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (report.HasEfficiency && names.Contains("eff@1"))
        {
            return "eff@1";
        }
        return names.Contains("pass@1") ? "pass@1" : names.FirstOrDefault(n => n.StartsWith("pass@", StringComparison.Ordinal)) ?? "pass@1";
    }

    /// <summary>The real models ranked by <paramref name="metric"/>, best first; models where it is not
    /// computable come last, ties keep first-seen order.</summary>
    public static IReadOnlyList<ModelSummary> Leaderboard(Report report, string metric) =>
        report.RealModels.Select((m, i) => (m, i))
            .OrderByDescending(x => x.m.Metrics.TryGetValue(metric, out var v) && v.Value is not null)
            .ThenByDescending(x => x.m.Metrics.TryGetValue(metric, out var v) ? v.Value ?? double.MinValue : double.MinValue)
            .ThenBy(x => x.i).Select(x => x.m).ToList();

    /// <summary>One cell per (task, model): samples, passes, mean efficiency (efficiency runs).</summary>
    public static IReadOnlyList<HeatmapCell> Heatmap(Report report) =>
        report.Rows.GroupBy(r => (r.TaskId, r.Model))
            .Select(g => new HeatmapCell(g.Key.TaskId, g.Key.Model, g.Count(), g.Count(r => r.Passed),
                g.Any(r => r.Efficiency is not null) ? g.Where(r => r.Efficiency is not null).Average(r => r.Efficiency!.Efficiency) : null,
                MostCommon(g.Select(r => r.Verdict))))
            .ToList();

    /// <summary>The most frequent verdict; a tie goes to a failure (in verdict order: failed, error,
    /// timeout, ...) rather than to passed, so that a heatmap shows where a model fails.</summary>
    private static string MostCommon(IEnumerable<string> verdicts)
    {
        var counts = verdicts.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var order = Judging.VerdictNames.All.Select(v => Judging.VerdictNames.Name(v)).Where(v => v != "passed").Append("passed").ToList();
        return counts.OrderByDescending(c => c.Value).ThenBy(c => order.IndexOf(c.Key) is var i && i < 0 ? int.MaxValue : i).First().Key;
    }

    /// <summary>pass@k (or eff@k with <paramref name="efficiency"/>) of <paramref name="model"/> for
    /// k = 1 .. the fewest samples any task has, mean over tasks.</summary>
    public static IReadOnlyList<(int K, double Value)> AtKCurve(Report report, string model, bool efficiency)
    {
        var tasks = report.Rows.Where(r => r.Model == model && (!efficiency || r.Efficiency is not null))
            .GroupBy(r => r.TaskId, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        if (tasks.Count == 0)
        {
            return [];
        }
        var maxK = tasks.Min(t => t.Count);
        var curve = new List<(int, double)>();
        for (var k = 1; k <= maxK; k++)
        {
            var perTask = efficiency
                ? tasks.Select(t => ExpectedMaxAtK.Estimate(t.Select(r => r.Efficiency!.Efficiency).ToList(), k)!.Value)
                : tasks.Select(t => PassAtK.Estimate(t.Count, t.Count(r => r.Passed), k)!.Value);
            curve.Add((k, perTask.Average()));
        }
        return curve;
    }

    /// <summary>Per-sample speedups (reference cost / sample cost) of <paramref name="model"/>'s correct, uncensored samples.</summary>
    public static IReadOnlyList<double> Speedups(Report report, string model) =>
        report.Rows.Where(r => r.Model == model && r.Efficiency?.Speedup is > 0).Select(r => r.Efficiency!.Speedup!.Value).ToList();

    /// <summary>A number for people: invariant culture, <paramref name="digits"/> decimals, "n/a" for null.</summary>
    public static string Format(double? value, int digits = 3) =>
        value is null ? "n/a" : value.Value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>"value [low, high]" of a metric, or "n/a".</summary>
    public static string FormatMetric(MetricValue? m) => m?.Value is null
        ? "n/a"
        : m.Low is null ? Format(m.Value) : $"{Format(m.Value)} [{Format(m.Low)}, {Format(m.High)}]";

    /// <summary>Metric names in the order of the first model that has them.</summary>
    public static IReadOnlyList<string> MetricNames(Report report) =>
        report.Models.SelectMany(m => m.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Median peak memory of <paramref name="model"/>'s samples (all samples for the pooled
    /// row), e.g. <c>12.1 MiB</c>; <c>-</c> when none was measured.</summary>
    public static string PeakMemory(Report report, string model)
    {
        var peaks = report.Rows.Where(r => model == SummaryBuilder.AllModels || r.Model == model)
            .Select(r => r.PeakMemoryKb).OfType<long>().Order().ToList();
        if (peaks.Count == 0)
        {
            return "-";
        }
        var median = peaks.Count % 2 == 1 ? peaks[peaks.Count / 2] : (peaks[peaks.Count / 2 - 1] + peaks[peaks.Count / 2]) / 2.0;
        return (median / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";
    }
}

/// <summary>Outcome of one model on one task.</summary>
/// <param name="TaskId">Task id.</param>
/// <param name="Model">Model name.</param>
/// <param name="Samples">Samples judged.</param>
/// <param name="Passed">Samples passed.</param>
/// <param name="MeanEfficiency">Mean efficiency score of the samples, on efficiency runs.</param>
/// <param name="Verdict">The most common verdict of the samples.</param>
public sealed record HeatmapCell(string TaskId, string Model, int Samples, int Passed, double? MeanEfficiency, string Verdict)
{
    /// <summary>Share of samples that passed.</summary>
    public double PassRate => Samples == 0 ? 0 : (double)Passed / Samples;
}
