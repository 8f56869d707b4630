using System.Globalization;
using ScottPlot;

namespace PerfJudge.Reports;

/// <summary>The report's plots as standalone SVG documents (ScottPlot). Each returns null when the
/// report has nothing to plot. Numbers are drawn in the invariant culture, whatever the caller's.</summary>
public static class ReportPlots
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new ScottPlot.Palettes.Category10();

    /// <summary>The ranked models' <paramref name="metric"/> as bars with their 95% interval.</summary>
    public static string? Leaderboard(Report report, string metric)
    {
        var ranked = ReportViews.Leaderboard(report, metric)
            .Where(m => m.Metrics.TryGetValue(metric, out var v) && v.Value is not null).ToList();
        if (ranked.Count == 0)
        {
            return null;
        }
        return Draw(plot =>
        {
            var values = ranked.Select(m => m.Metrics[metric]).ToList();
            var bars = values.Select((v, i) => new Bar { Position = i, Value = v.Value!.Value, FillColor = Palette.GetColor(i) }).ToArray();
            plot.Add.Bars(bars);
            var xs = Enumerable.Range(0, ranked.Count).Select(i => (double)i).ToList();
            var ys = values.Select(v => v.Value!.Value).ToList();
            var errors = plot.Add.ErrorBar(xs, ys, ys.Select(_ => 0.0).ToList());
            errors.YErrorNegative = values.Select(v => v.Value!.Value - (v.Low ?? v.Value!.Value)).ToList();
            errors.YErrorPositive = values.Select(v => (v.High ?? v.Value!.Value) - v.Value!.Value).ToList();
            errors.Color = Colors.Black;
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs.ToArray(), ranked.Select(m => m.Model).ToArray());
            plot.Axes.Margins(bottom: 0);
            plot.Axes.SetLimitsY(0, Math.Max(1.0, values.Max(v => v.High ?? v.Value!.Value) * 1.05));
            plot.Title($"{metric} by model");
            plot.YLabel($"{metric} (bars: 95% CI)");
        }, Math.Clamp(160 + 90 * ranked.Count, 560, 1150), 360);
    }

    /// <summary>Colour of each verdict in the verdict heatmap (and its legend).</summary>
    public static readonly IReadOnlyDictionary<string, string> VerdictColors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["passed"] = "#2ca02c", ["failed"] = "#d62728", ["error"] = "#ff7f0e", ["timeout"] = "#9467bd",
        ["memory_limit"] = "#8c564b", ["output_limit"] = "#e377c2", ["crashed"] = "#7f7f7f", ["compile_error"] = "#bcbd22", ["sandbox_error"] = "#17becf",
    };

    /// <summary>Task x model grid coloured by pass rate, by mean efficiency, or by most common verdict.</summary>
    public static string? Heatmap(Report report, HeatmapKind kind)
    {
        var cells = ReportViews.Heatmap(report);
        var efficiency = kind == HeatmapKind.Efficiency;
        if (cells.Count == 0 || (efficiency && cells.All(c => c.MeanEfficiency is null)))
        {
            return null;
        }
        var tasks = report.TaskIds.ToList();
        var models = report.RealModels.Select(m => m.Model).ToList();
        var colormap = new ScottPlot.Colormaps.Viridis();
        return Draw(plot =>
        {
            foreach (var c in cells)
            {
                var x = tasks.IndexOf(c.TaskId);
                var y = models.IndexOf(c.Model);
                var value = efficiency ? c.MeanEfficiency : c.PassRate;
                var rect = plot.Add.Rectangle(x - 0.5, x + 0.5, y - 0.5, y + 0.5);
                rect.FillColor = kind == HeatmapKind.Verdict
                    ? Color.FromHex(VerdictColors.GetValueOrDefault(c.Verdict, "#000000"))
                    : value is null ? Colors.LightGray : colormap.GetColor(Math.Clamp(value.Value, 0, 1));
                rect.LineWidth = 0;
            }
            var taskTicks = AxisLabels.Tasks(tasks);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, tasks.Count).Select(i => (double)i).ToArray(), taskTicks);
            plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            var longest = taskTicks.Max(t => t.Length);
            // Rotated labels reach down and to the right: room for both, so none is clipped.
            plot.Axes.Bottom.MinimumSize = 7 * longest + 30;
            plot.Axes.Right.MinimumSize = 4 * longest + 10;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, models.Count).Select(i => (double)i).ToArray(), models.ToArray());
            plot.Axes.SetLimits(-0.5, tasks.Count - 0.5, -0.5, models.Count - 0.5);
            plot.Title(kind switch
            {
                HeatmapKind.Efficiency => "Mean efficiency per task (grey: none)",
                HeatmapKind.Verdict => "Most common verdict per task",
                _ => "Share of samples passed per task",
            });
        }, Math.Clamp(200 + 14 * tasks.Count, 560, 1150), 300 + 36 * models.Count);
    }

    /// <summary>Each model's per-sample speedups (log2 scale; above 0 = faster than the reference).</summary>
    public static string? Speedups(Report report)
    {
        var models = report.RealModels.Select(m => m.Model).ToList();
        var data = models.Select(m => ReportViews.Speedups(report, m)).ToList();
        if (data.All(d => d.Count == 0))
        {
            return null;
        }
        return Draw(plot =>
        {
            for (var i = 0; i < models.Count; i++)
            {
                var logs = data[i].Select(Math.Log2).ToArray();
                // Golden-ratio jitter: deterministic, spreads points of one model evenly.
                var xs = logs.Select((_, j) => i + ((j * 0.618034) % 1 - 0.5) * 0.5).ToArray();
                if (logs.Length > 0)
                {
                    plot.Add.Markers(xs, logs, MarkerShape.FilledCircle, 5, Palette.GetColor(i));
                    var sorted = logs.Order().ToArray();
                    var median = sorted[sorted.Length / 2];
                    plot.Add.Line(i - 0.35, median, i + 0.35, median).LineWidth = 2;
                }
            }
            plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dashed);
            var all = data.SelectMany(d => d).Select(Math.Log2).ToList();
            var ticks = AxisLabels.Log2Ticks(all.Min(), all.Max());
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, ticks.Select(AxisLabels.Speedup).ToArray());
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, models.Count).Select(i => (double)i).ToArray(), models.ToArray());
            plot.Title("Per-sample speedup over the reference (line: median)");
            plot.YLabel("speedup (log scale)");
        }, Math.Clamp(160 + 110 * models.Count, 560, 1150), 360);
    }

    /// <summary>pass@k (or eff@k) against k, one line per model.</summary>
    public static string? AtK(Report report, bool efficiency)
    {
        var models = report.RealModels.Select(m => m.Model).ToList();
        var curves = models.Select(m => ReportViews.AtKCurve(report, m, efficiency)).ToList();
        if (curves.All(c => c.Count < 2))
        {
            // One k (or one computable k) per model: a plot of single dots says less than the table.
            return null;
        }
        var name = efficiency ? "eff@k" : "pass@k";
        return Draw(plot =>
        {
            for (var i = 0; i < models.Count; i++)
            {
                if (curves[i].Count == 0)
                {
                    continue;
                }
                var line = plot.Add.Scatter(curves[i].Select(p => (double)p.K).ToArray(), curves[i].Select(p => p.Value).ToArray(), Palette.GetColor(i));
                line.LegendText = models[i];
                line.MarkerSize = 7;
            }
            plot.Axes.SetLimitsY(0, 1.02);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Title($"{name} against k");
            plot.XLabel("k");
            plot.YLabel(name);
            plot.ShowLegend(Alignment.LowerRight);
        }, 560, 360);
    }

    /// <summary>Cost against quality, the Pareto front as a step line, each point labelled.</summary>
    public static string? Pareto(IReadOnlyList<CostQualityPoint> points, string costLabel, string qualityLabel)
    {
        if (points.Count == 0)
        {
            return null;
        }
        return Draw(plot =>
        {
            var front = points.Where(p => p.OnFront).OrderBy(p => p.Cost).ThenByDescending(p => p.Quality).ToList();
            if (front.Count > 1)
            {
                var step = plot.Add.Scatter(front.Select(p => p.Cost).ToArray(), front.Select(p => p.Quality).ToArray(), Colors.Gray);
                step.ConnectStyle = ConnectStyle.StepHorizontal;
                step.MarkerSize = 0;
            }
            var (low, high) = Span(points.Select(p => p.Cost).ToList());
            foreach (var (p, i) in points.Select((p, i) => (p, i)))
            {
                // 95% intervals as whiskers: quality over tasks, cost over the model's samples.
                if (p.QualityCi is { } q)
                {
                    Whisker(plot, p.Cost, q.Low, p.Cost, q.High, Palette.GetColor(i));
                }
                if (p.CostCi is { } c)
                {
                    Whisker(plot, c.Low, p.Quality, c.High, p.Quality, Palette.GetColor(i));
                }
                plot.Add.Marker(p.Cost, p.Quality, p.OnFront ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 10, Palette.GetColor(i));
                var text = plot.Add.Text(p.Name, p.Cost, p.Quality);
                text.LabelFontSize = 12;
                // Labels of points in the right half go to their left, so a long name stays inside the plot.
                var right = p.Cost > (low + high) / 2;
                text.LabelAlignment = right ? Alignment.LowerRight : Alignment.LowerLeft;
                text.OffsetX = right ? -8 : 8;
                text.OffsetY = -4;
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = AxisLabels.Number, TargetTickCount = 6 };
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = AxisLabels.Number, TargetTickCount = 6 };
            plot.Title(points.Any(p => p.QualityCi is not null || p.CostCi is not null)
                ? "Cost against quality (filled: on the Pareto front; bars: 95% CI)"
                : "Cost against quality (filled: on the Pareto front)");
            plot.XLabel(costLabel);
            plot.YLabel(qualityLabel);
            // Room around the points and their intervals for the labels.
            var (x0, x1) = Span(points.SelectMany(p => p.CostCi is { } c ? [p.Cost, c.Low, c.High] : new[] { p.Cost }).ToList());
            var (y0, y1) = Span(points.SelectMany(p => p.QualityCi is { } q ? [p.Quality, q.Low, q.High] : new[] { p.Quality }).ToList());
            plot.Axes.SetLimits(x0 - 0.12 * (x1 - x0), x1 + 0.12 * (x1 - x0), y0 - 0.12 * (y1 - y0), y1 + 0.15 * (y1 - y0));
        }, 640, 420);
    }

    private static void Whisker(Plot plot, double x0, double y0, double x1, double y1, ScottPlot.Color color)
    {
        var line = plot.Add.Line(x0, y0, x1, y1);
        line.LineColor = color.WithAlpha(0.6);
        line.LineWidth = 1.5f;
        line.MarkerSize = 0;
    }

    private static (double Low, double High) Span(List<double> values)
    {
        var (low, high) = (values.Min(), values.Max());
        if (high > low)
        {
            return (low, high);
        }
        var pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
        return (low - pad, high + pad);
    }

    private static string Draw(Action<Plot> build, int width, int height)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var plot = new Plot();
            build(plot);
            var svg = plot.GetSvgXml(width, height);
            // Drop the XML declaration: the SVG is inlined into HTML.
            return svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
