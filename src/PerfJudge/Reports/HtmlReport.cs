using System.Globalization;
using System.Text;

namespace PerfJudge.Reports;

/// <summary>Renders a <see cref="Report"/> as one self-contained HTML file: styles, data and SVG plots
/// inline, no script, and a Content-Security-Policy that forbids every request.</summary>
public static class HtmlReport
{
    /// <summary>Most failure details shown; the JSON has all of them.</summary>
    public const int MaxFailures = 200;

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
        h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
        table{border-collapse:collapse;margin:1em 0;font-size:.9em;display:block;overflow-x:auto;max-width:100%}th,td{border:1px solid #ddd;padding:.3em .6em;text-align:right}
        th{background:#f4f4f4}td.l,th.l{text-align:left}tr:nth-child(even) td{background:#fafafa}
        figure.plot{margin:1em 0;overflow-x:auto}figure.plot svg{max-width:100%;height:auto}
        .run{color:#555;font-size:.9em}.note{color:#666;font-size:.85em}pre{white-space:pre-wrap;margin:0;max-width:60em;text-align:left}
        .pass{color:#1a7f37}.ci{color:#777;font-size:.85em;white-space:nowrap}.fail{color:#b42318}
        .swatch{display:inline-block;width:.8em;height:.8em;vertical-align:middle}
        .scale{display:inline-block;width:12em;height:.8em;vertical-align:middle;background:linear-gradient(90deg,#440154,#3b528b,#21918c,#5ec962,#fde725)}
        .ticks{display:inline-flex;justify-content:space-between;width:12em;font-size:.8em;vertical-align:top}
        """;

    /// <summary>The HTML document; <paramref name="costQuality"/> adds the cost–quality section.</summary>
    public static string Render(Report report, CostQuality? costQuality = null)
    {
        var primary = ReportViews.PrimaryMetric(report);
        var h = Head(report, "PerfJudge report: " + report.Suite);
        h.Append("<section id=\"leaderboard\">\n<h2>Leaderboard</h2>\n");
        HtmlTables.Leaderboard(h, report, primary);
        Figure(h, "plot-leaderboard", ReportPlots.Leaderboard(report, primary));
        h.Append("</section>\n<section id=\"heatmap\">\n<h2>Tasks by model</h2>\n")
            .Append("<p class=\"note\">Colour: <span class=\"scale\"></span> share passed (and mean efficiency), from 0 to 1<br>")
            .Append("<span style=\"display:inline-block;width:3.3em\"></span><span class=\"ticks\"><span>0</span><span>0.25</span><span>0.5</span><span>0.75</span><span>1</span></span></p>\n");
        Figure(h, "plot-heatmap-pass", ReportPlots.Heatmap(report, HeatmapKind.PassRate));
        if (report.HasEfficiency)
        {
            Figure(h, "plot-heatmap-efficiency", ReportPlots.Heatmap(report, HeatmapKind.Efficiency));
        }
        h.Append("<p class=\"note\">Verdicts:");
        foreach (var (verdict, color) in ReportPlots.VerdictColors)
        {
            h.Append(" <span class=\"swatch\" style=\"background:").Append(color).Append("\"></span> ").Append(verdict);
        }
        h.Append("</p>\n");
        Figure(h, "plot-heatmap-verdict", ReportPlots.Heatmap(report, HeatmapKind.Verdict));
        h.Append("</section>\n<section id=\"at-k\">\n<h2>pass@k").Append(report.HasEfficiency ? " and eff@k" : "").Append(" against k</h2>\n");
        Figure(h, "plot-pass-at-k", ReportPlots.AtK(report, efficiency: false),
            "Nothing to plot: no model has pass@k for two or more k (ask for several, e.g. --k 1,10); the leaderboard has the values.");
        if (report.HasEfficiency)
        {
            Figure(h, "plot-eff-at-k", ReportPlots.AtK(report, efficiency: true));
        }
        h.Append("</section>\n");
        if (report.HasEfficiency)
        {
            h.Append("<section id=\"speedups\">\n<h2>Speedups</h2>\n");
            Figure(h, "plot-speedups", ReportPlots.Speedups(report));
            h.Append("</section>\n");
        }
        if (costQuality is not null)
        {
            h.Append("<section id=\"pareto\">\n<h2>Cost and quality</h2>\n");
            HtmlTables.Pareto(h, costQuality);
            Figure(h, "plot-pareto", ReportPlots.Pareto(costQuality.Points, costQuality.CostLabel, costQuality.QualityLabel));
            h.Append("</section>\n");
        }
        HtmlProgramTable.Append(h, report);
        h.Append("<section id=\"tasks\">\n<h2>Per task</h2>\n");
        HtmlTables.Tasks(h, report);
        h.Append("</section>\n<section id=\"failures\">\n<h2>Failures</h2>\n");
        HtmlTables.Failures(h, report, MaxFailures);
        h.Append("</section>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>Only the cost–quality section (<c>perfjudge pareto -f html</c>), as its own page.</summary>
    public static string RenderCostQuality(Report report, CostQuality costQuality)
    {
        var h = Head(report, "PerfJudge cost and quality: " + report.Suite);
        h.Append("<section id=\"pareto\">\n");
        HtmlTables.Pareto(h, costQuality);
        Figure(h, "plot-pareto", ReportPlots.Pareto(costQuality.Points, costQuality.CostLabel, costQuality.QualityLabel));
        h.Append("</section>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static StringBuilder Head(Report report, string title)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        RunFacts(h, report);
        return h;
    }

    private static void RunFacts(StringBuilder h, Report report)
    {
        var r = report.Run;
        var facts = new List<string>
        {
            "started " + r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            "wall " + ReportViews.Format(r.WallSeconds, 1) + " s",
            "isolation " + r.Isolation,
            "python " + r.PythonVersion,
            "engine " + r.EngineVersion,
        };
        if (r.Id is not null) facts.Insert(0, "run " + r.Id);
        if (r.Meter is not null) facts.Add("meter " + r.Meter + (r.CostUnit is null ? "" : " (" + r.CostUnit + ")"));
        if (r.Fingerprint is not null) facts.Add("machine " + r.Fingerprint);
        h.Append("<p class=\"run\">").Append(string.Join(" · ", facts.Select(E))).Append("</p>\n");
    }

    private static void Figure(StringBuilder h, string id, string? svg, string empty = "Nothing to plot.")
    {
        if (svg is null)
        {
            h.Append("<p class=\"note\" id=\"").Append(id).Append("\">").Append(E(empty)).Append("</p>\n");
            return;
        }
        h.Append("<figure class=\"plot\" id=\"").Append(id).Append("\">\n").Append(svg).Append("\n</figure>\n");
    }

    private static string E(string? text) => HtmlText.Escape(text);
}
