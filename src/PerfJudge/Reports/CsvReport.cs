using System.Globalization;
using CsvHelper;

namespace PerfJudge.Reports;

/// <summary>Renders a <see cref="Report"/> as CSV (RFC 4180, invariant culture): one row per model
/// with each metric and its interval, or one row per sample.</summary>
public static class CsvReport
{
    private static readonly string[] ModelColumns = ["model", "samples", "tasks"];

    /// <summary>One row per model: model, samples, tasks, then metric, metric_low, metric_high for each metric, then verdict counts.</summary>
    public static string Models(Report report)
    {
        var metrics = ReportViews.MetricNames(report);
        var verdicts = Judging.VerdictNames.All.Select(v => Judging.VerdictNames.Name(v)).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in ModelColumns.Concat(metrics.SelectMany(m => new[] { m, m + "_low", m + "_high" })).Concat(verdicts))
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var s in report.Models)
            {
                csv.WriteField(s.Model);
                csv.WriteField(s.Samples);
                csv.WriteField(s.Tasks);
                foreach (var m in metrics)
                {
                    var value = s.Metrics.GetValueOrDefault(m);
                    csv.WriteField(R(value?.Value));
                    csv.WriteField(R(value?.Low));
                    csv.WriteField(R(value?.High));
                }
                foreach (var v in Judging.VerdictNames.All)
                {
                    csv.WriteField(s.Verdicts.GetValueOrDefault(v));
                }
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>One row per sample, with its efficiency figures and the samples file's cost fields.</summary>
    public static string Samples(Report report)
    {
        var costFields = report.Rows.SelectMany(r => r.Costs.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        string[] headers = ["task_id", "model", "sample", "line", "verdict", "cpu_s", "max_rss_kb", "cached", "efficiency", "speedup",
            "dps", "dps_norm", "cost", "exceeded_level", "memory_ratio"];
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var header in headers.Concat(costFields).Append("detail"))
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            foreach (var r in report.Rows)
            {
                var e = r.Efficiency;
                object?[] fields = [r.TaskId, r.Model, r.Sample, r.Line, r.Verdict, R(r.CpuSeconds), r.MaxRssKb, r.Cached ? "true" : "false",
                    R(e?.Efficiency), R(e?.Speedup), R(e?.Dps), R(e?.DpsNorm), R(e?.Cost), e?.ExceededLevel, R(e?.MemoryRatio)];
                foreach (var field in fields)
                {
                    csv.WriteField(field);
                }
                foreach (var c in costFields)
                {
                    csv.WriteField(R(r.Costs.TryGetValue(c, out var v) ? v : null));
                }
                csv.WriteField(r.Detail ?? "");
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    private static string R(double? value) => value is null ? "" : value.Value.ToString("R", CultureInfo.InvariantCulture);
}
