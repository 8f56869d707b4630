using System.Globalization;

namespace PerfJudge.Reports;

/// <summary>Builds a <see cref="CostQuality"/> analysis of a report's models from a per-sample cost
/// field of the samples file or from per-model cost figures.</summary>
public static class CostQualityBuilder
{
    /// <summary>Per-sample cost fields of the samples file, in the order a default picks them.</summary>
    public static readonly IReadOnlyList<string> SampleFields = ["usd", "completion_tokens", "latency_s"];

    /// <summary>Cost = mean of <paramref name="field"/> over each model's samples that carry it.</summary>
    public static CostQuality FromSampleField(Report report, string field, string quality)
    {
        var costs = new Dictionary<string, double>(StringComparer.Ordinal);
        var skipped = new List<string>();
        foreach (var model in report.RealModels.Select(m => m.Model))
        {
            var values = report.Rows.Where(r => r.Model == model && r.Costs.ContainsKey(field)).Select(r => r.Costs[field]).ToList();
            if (values.Count == 0)
            {
                skipped.Add($"{model}: no sample carries '{field}'");
                continue;
            }
            costs[model] = values.Average();
        }
        return FromModelCosts(report, costs, field + " per sample (mean)", quality, skipped);
    }

    /// <summary>Cost of each model given directly (parameters, price, idealized runtime, ...).</summary>
    public static CostQuality FromModelCosts(Report report, IReadOnlyDictionary<string, double> costs, string costLabel, string quality,
        IReadOnlyList<string>? alreadySkipped = null)
    {
        var skipped = new List<string>(alreadySkipped ?? []);
        var points = new List<(string Name, double Cost, double Quality)>();
        foreach (var m in report.RealModels)
        {
            if (!costs.TryGetValue(m.Model, out var cost))
            {
                if (!skipped.Any(s => s.StartsWith(m.Model + ":", StringComparison.Ordinal)))
                {
                    skipped.Add($"{m.Model}: no cost figure");
                }
                continue;
            }
            if (!m.Metrics.TryGetValue(quality, out var value) || value.Value is null)
            {
                skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Model}: {quality} is not computable{(value?.Reason is null ? "" : " (" + value.Reason + ")")}"));
                continue;
            }
            points.Add((m.Model, cost, value.Value.Value));
        }
        return new CostQuality(costLabel, quality, Front(points), skipped);
    }

    private static List<CostQualityPoint> Front(List<(string Name, double Cost, double Quality)> points) =>
        points.Select(p =>
        {
            var dominators = points.Where(q => q.Cost <= p.Cost && q.Quality >= p.Quality && (q.Cost < p.Cost || q.Quality > p.Quality))
                .Select(q => q.Name).ToList();
            return new CostQualityPoint(p.Name, p.Cost, p.Quality, dominators.Count == 0, dominators);
        }).ToList();
}
