using System.Globalization;
using PerfJudge.Metrics;
using PerfJudge.Statistics;

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
        var perSample = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var noCost = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in report.RealModels.Select(m => m.Model))
        {
            var values = report.Rows.Where(r => r.Model == model && r.Costs.ContainsKey(field)).Select(r => r.Costs[field]).ToList();
            if (values.Count == 0)
            {
                noCost[model] = $"no sample carries '{field}'";
                continue;
            }
            perSample[model] = values;
        }
        return FromSampleCosts(report, perSample, field + " per sample (mean)", quality, noCost);
    }

    /// <summary>Cost of each model = the mean of its per-sample costs, with a 95% bootstrap interval.</summary>
    private static CostQuality FromSampleCosts(Report report, IReadOnlyDictionary<string, IReadOnlyList<double>> perSample, string costLabel,
        string quality, IReadOnlyDictionary<string, string> noCost)
    {
        var costs = perSample.ToDictionary(kv => kv.Key, kv => kv.Value.Average(), StringComparer.Ordinal);
        var intervals = perSample.ToDictionary(kv => kv.Key, kv => Bootstrap.MeanInterval(kv.Value), StringComparer.Ordinal);
        var analysis = FromModelCosts(report, costs, costLabel, quality, noCost);
        return analysis with
        {
            Points = analysis.Points.Select(p => p with { CostCi = (intervals[p.Name].Low, intervals[p.Name].High) }).ToList(),
        };
    }

    /// <summary>Cost of each model given directly (parameters, price, idealized runtime, ...);
    /// <paramref name="noCost"/> says why a model has none (default: "no cost figure").</summary>
    public static CostQuality FromModelCosts(Report report, IReadOnlyDictionary<string, double> costs, string costLabel, string quality,
        IReadOnlyDictionary<string, string>? noCost = null)
    {
        var skipped = new List<string>();
        var points = new List<(string Name, double Cost, double Quality)>();
        var qualityCis = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var m in report.RealModels)
        {
            if (!costs.TryGetValue(m.Model, out var cost))
            {
                skipped.Add($"{m.Model}: {noCost?.GetValueOrDefault(m.Model) ?? "no cost figure"}");
                continue;
            }
            if (!m.Metrics.TryGetValue(quality, out var value) || value.Value is null)
            {
                skipped.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Model}: {quality} is not computable{(value?.Reason is null ? "" : " (" + value.Reason + ")")}"));
                continue;
            }
            points.Add((m.Model, cost, value.Value.Value));
            if (value is { Low: { } low, High: { } high })
            {
                qualityCis[m.Model] = (low, high);
            }
        }
        var front = Front(points).Select(p => qualityCis.TryGetValue(p.Name, out var ci) ? p with { QualityCi = ci } : p).ToList();
        return new CostQuality(costLabel, quality, front, skipped);
    }

    private static List<CostQualityPoint> Front(List<(string Name, double Cost, double Quality)> points)
    {
        var analysis = ParetoFront.Analyze(points.Select(p => new ParetoPoint(p.Name, p.Cost, p.Quality)).ToList());
        return analysis.Entries.Select(e => new CostQualityPoint(e.Point.Name, e.Point.Cost, e.Point.Quality, e.OnFront,
            e.DominatedBy.Select(d => d.Name).ToList())).ToList();
    }

    /// <summary>Cost from the models file: <paramref name="kind"/> is <c>parameters</c>, <c>price</c>
    /// (USD per sample: price per 1M tokens x the sample's completion_tokens) or <c>idealized-runtime</c>
    /// (seconds per sample on <paramref name="accelerator"/>, or each model's own, from its
    /// prompt_tokens (else <paramref name="promptTokens"/>) and completion_tokens).</summary>
    public static CostQuality FromModelsFile(Report report, ModelsFile models, string kind, string? accelerator, int promptTokens, string quality)
    {
        var costs = new Dictionary<string, double>(StringComparer.Ordinal);
        var perSample = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        var noCost = new Dictionary<string, string>(StringComparer.Ordinal);
        var accelerators = new SortedSet<string>(StringComparer.Ordinal);
        var catalog = models.Catalog;
        foreach (var model in report.RealModels.Select(m => m.Model))
        {
            var spec = models.Models.FirstOrDefault(m => m.Name == model);
            if (spec is null)
            {
                noCost[model] = "not in the models file";
                continue;
            }
            var rows = report.Rows.Where(r => r.Model == model).ToList();
            var tokens = rows.Where(r => r.Costs.ContainsKey("completion_tokens")).ToList();
            if (kind != "parameters" && tokens.Count == 0)
            {
                noCost[model] = "no sample carries 'completion_tokens'";
                continue;
            }
            switch (kind)
            {
                case "parameters":
                    costs[model] = spec.Parameters;
                    break;
                case "price" when spec.PricePer1MTokens is null:
                    noCost[model] = "no price_per_1m_tokens in the models file";
                    break;
                case "price":
                    perSample[model] = tokens.Select(r => spec.PriceUsd((long)r.Costs["completion_tokens"])!.Value).ToList();
                    break;
                default:
                    var profile = catalog.Get(accelerator ?? spec.Accelerator ?? AcceleratorProfile.A100Sxm80GB.Name);
                    accelerators.Add(profile.Name);
                    perSample[model] = tokens.Select(r => IdealizedRuntime.Estimate(spec,
                        r.Costs.TryGetValue("prompt_tokens", out var p) ? (int)p : promptTokens, (int)r.Costs["completion_tokens"], profile).TotalSeconds).ToList();
                    break;
            }
        }
        var label = kind switch
        {
            "parameters" => "parameters",
            "price" => "USD per sample (price x completion_tokens)",
            // Name the accelerator(s) the runtimes are for: the one asked for, or each model's own.
            _ => "idealized runtime per sample, s (" + (accelerators.Count == 0 ? accelerator ?? AcceleratorProfile.A100Sxm80GB.Name
                : accelerator is null && accelerators.Count > 1 ? "each model's own: " + string.Join(", ", accelerators) : accelerators.Min) + ")",
        };
        return kind == "parameters"
            ? FromModelCosts(report, costs, label, quality, noCost)
            : FromSampleCosts(report, perSample, label, quality, noCost);
    }
}
