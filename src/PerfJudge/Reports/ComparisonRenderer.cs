using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Statistics;

namespace PerfJudge.Reports;

/// <summary>Renders a <see cref="RunComparison"/> as Markdown or JSON (<c>perfjudge.compare/1</c>); pure functions.</summary>
public static class ComparisonRenderer
{
    /// <summary>A figure for display.</summary>
    public static string F(double? v) => ReportViews.Format(v);

    /// <summary>A p-value for display.</summary>
    public static string P(PairedTestResult? t) => t is null ? "n/a" : t.PValue.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>The per-task summaries compared: pass rate, and efficiency where the runs have it.</summary>
    public static IEnumerable<(string Name, PairedSummary S)> Summaries(RunComparison c) =>
        c.Efficiency is null ? [("pass rate", c.Pass)] : [("pass rate", c.Pass), ("efficiency", c.Efficiency)];

    /// <summary>The comparison as Markdown, listing the <paramref name="top"/> most different tasks.</summary>
    public static string Markdown(RunComparison c, int top)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownReport.E(c.A)).Append(" vs ").Append(MarkdownReport.E(c.B)).Append("\n\n")
            .Append(c.Tasks.Count.ToString(CultureInfo.InvariantCulture)).Append(" shared tasks.\n\n")
            .Append("| per task | A | B | B − A | 95% CI | Wilcoxon p | sign-flip p |\n|:---|---:|---:|---:|:---|---:|---:|\n");
        foreach (var (name, s) in Summaries(c))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {F(s.MeanA)} | {F(s.MeanB)} | {F(s.Difference)} | {F(s.Low)} to {F(s.High)} | {P(s.Wilcoxon)} | {P(s.SignFlip)} |\n");
        }
        md.Append("\n## Tasks where they differ most\n\n| task | pass A | pass B | eff A | eff B |\n|:---|---:|---:|---:|---:|\n");
        foreach (var t in c.MostDifferent(top))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {MarkdownReport.E(t.TaskId)} | {F(t.PassA)} | {F(t.PassB)} | {F(t.EfficiencyA)} | {F(t.EfficiencyB)} |\n");
        }
        return md.ToString();
    }

    /// <summary>The comparison as JSON, listing the <paramref name="top"/> most different tasks.</summary>
    public static string Json(RunComparison c, int top)
    {
        JsonObject Summary(PairedSummary s) => new()
        {
            ["tasks"] = s.Tasks,
            ["mean_a"] = s.MeanA,
            ["mean_b"] = s.MeanB,
            ["difference"] = s.Difference,
            ["ci95"] = new JsonArray(s.Low, s.High),
            ["wilcoxon_p"] = s.Wilcoxon?.PValue,
            ["wilcoxon_method"] = s.Wilcoxon?.Method.ToString(),
            ["sign_flip_p"] = s.SignFlip?.PValue,
        };
        var tasks = new JsonArray();
        foreach (var t in c.Tasks)
        {
            tasks.Add(new JsonObject
            {
                ["task_id"] = t.TaskId, ["pass_a"] = t.PassA, ["pass_b"] = t.PassB,
                ["efficiency_a"] = t.EfficiencyA, ["efficiency_b"] = t.EfficiencyB,
            });
        }
        var doc = new JsonObject
        {
            ["schema"] = "perfjudge.compare/1",
            ["a"] = c.A,
            ["b"] = c.B,
            ["only_a"] = c.OnlyA,
            ["only_b"] = c.OnlyB,
            ["pass_rate"] = Summary(c.Pass),
            ["efficiency"] = c.Efficiency is null ? null : Summary(c.Efficiency),
            ["mcnemar_p"] = c.McNemar?.PValue,
            ["most_different"] = new JsonArray(c.MostDifferent(top).Select(t => (JsonNode)JsonValue.Create(t.TaskId)!).ToArray()),
            ["tasks"] = tasks,
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
