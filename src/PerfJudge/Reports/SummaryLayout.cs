using System.Globalization;
using PerfJudge.Judging;
using PerfJudge.Results;

namespace PerfJudge.Reports;

/// <summary>How the per-model summary fits a terminal of a given width without cutting a header or
/// breaking a number: one line per cell when it fits; else value and interval stacked on two lines;
/// else the metrics split over several tables, each repeating the model column. Pure: the CLI renders it.</summary>
/// <param name="Stacked">Value and 95% interval on two lines, verdict counts one per line.</param>
/// <param name="IsolationColumn">Models were judged at different isolation levels (else it is one caption).</param>
/// <param name="CountsApart">Samples, tasks and verdicts get their own table, before the metric tables.</param>
/// <param name="MetricGroups">The metric columns of each table, in order.</param>
public sealed record SummaryLayout(bool Stacked, bool IsolationColumn, bool CountsApart, IReadOnlyList<IReadOnlyList<string>> MetricGroups)
{
    /// <summary>Header of a metric column (the interval's level is in the caption).</summary>
    public static string Header(string metric) => metric;

    /// <summary>The metric names the summaries have, in first-seen order.</summary>
    public static IReadOnlyList<string> MetricNames(IReadOnlyList<ModelSummary> summaries) =>
        summaries.SelectMany(s => s.Metrics.Keys).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A metric cell: <c>0.512 [0.410, 0.600]</c>, stacked on two lines, or <c>n/a</c>.</summary>
    public static string Cell(MetricValue? m, bool stacked) => m is null ? "" : m.Value is null
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{m.Value:F3}{(stacked ? "\n" : " ")}[{m.Low:F3}, {m.High:F3}]");

    /// <summary>The verdict counts, e.g. <c>passed=10 failed=2</c>, one per line when stacked.</summary>
    public static string Verdicts(ModelSummary s, bool stacked) => string.Join(stacked ? "\n" : " ",
        s.Verdicts.Where(v => v.Value > 0).Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key.Name()}={v.Value}")));

    /// <summary>The notes under the table: why each <c>n/a</c> is one, once per metric and reason.</summary>
    public static IReadOnlyList<string> Notes(IReadOnlyList<ModelSummary> summaries) => summaries
        .SelectMany(s => s.Metrics.Where(m => m.Value.Value is null && m.Value.Reason is not null)
            .Select(m => (Metric: m.Key, s.Model, Reason: m.Value.Reason!)))
        .GroupBy(n => (n.Metric, n.Reason))
        .Select(g => $"{g.Key.Metric} n/a for {string.Join(", ", g.Select(n => n.Model))}: {g.Key.Reason}")
        .ToList();

    /// <summary>The layout of <paramref name="summaries"/> on a terminal <paramref name="width"/> columns wide.</summary>
    public static SummaryLayout Plan(IReadOnlyList<ModelSummary> summaries, int width)
    {
        var metrics = MetricNames(summaries);
        var isolation = summaries.Select(s => s.Isolation).Distinct(StringComparer.Ordinal).Count() > 1;
        int Counts(bool stacked) => Column(summaries.Select(s => s.Samples.ToString(CultureInfo.InvariantCulture)).Append("samples"))
            + Column(summaries.Select(s => s.Tasks.ToString(CultureInfo.InvariantCulture)).Append("tasks"))
            + Column(summaries.Select(s => Verdicts(s, stacked)).Append("verdicts"))
            + (isolation ? Column(summaries.Select(s => s.Isolation).Append("isolation")) : 0);
        int Metric(string name, bool stacked) => Column(summaries.Select(s => Cell(s.Metrics.GetValueOrDefault(name), stacked)).Append(Header(name)));
        var model = 1 + Column(summaries.Select(s => s.Model).Append("model"));
        foreach (var stacked in new[] { false, true })
        {
            if (model + Counts(stacked) + metrics.Sum(m => Metric(m, stacked)) <= width)
            {
                return new SummaryLayout(stacked, isolation, false, [metrics]);
            }
        }
        var groups = new List<IReadOnlyList<string>>();
        var group = new List<string>();
        var used = model;
        foreach (var name in metrics)
        {
            var w = Metric(name, true);
            if (group.Count > 0 && used + w > width)
            {
                groups.Add(group);
                (group, used) = ([], model);
            }
            group.Add(name);
            used += w;
        }
        if (group.Count > 0)
        {
            groups.Add(group);
        }
        return new SummaryLayout(true, isolation, true, groups);
    }

    /// <summary>Width of a column with these cells in a bordered table: the widest line, padding, border.</summary>
    private static int Column(IEnumerable<string> cells) => 3 + cells.SelectMany(c => c.Split('\n')).Max(l => l.Length);
}
