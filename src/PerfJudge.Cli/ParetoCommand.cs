using System.CommandLine;
using System.Globalization;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge pareto</c>: each model's quality against a cost, the Pareto front, and for
/// every dominated model the models dominating it.</summary>
public static class ParetoCommand
{
    /// <summary>Costs accepted by <c>--cost</c>.</summary>
    public static readonly string[] Costs = ["completion_tokens", "latency_s", "usd", "parameters", "price", "idealized-runtime"];

    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var run = new Option<string?>("--run") { Description = "Run id in the store, or a results .json file (default: the latest run)" };
        var store = StoreOption.Create();
        var quality = new Option<string?>("--quality") { Description = "Quality metric, e.g. pass@1, eff@1, dps, dps_norm (default: eff@1 on efficiency runs, else pass@1)" };
        var cost = new Option<string>("--cost") { Description = "completion_tokens, latency_s, usd (samples file, mean per sample); parameters, price, idealized-runtime (models file)", DefaultValueFactory = _ => "completion_tokens" };
        cost.AcceptOnlyFromAmong(Costs);
        var models = new Option<string?>("--models") { Description = "Models file (YAML: name, parameters, bytes_per_parameter, price_per_1m_tokens); see docs/models-file.md" };
        var accelerator = new Option<string?>("--accelerator") { Description = "idealized-runtime: accelerator profile (a100-80gb-sxm, h100-sxm, l4, rtx-4090 or one from the models file; default: each model's own, else a100-80gb-sxm)" };
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "idealized-runtime: prompt length of samples without a prompt_tokens field", DefaultValueFactory = _ => 0 };
        var format = new Option<string>("--format", "-f") { Description = "table, json, md or html (this cost-quality section as its own page; 'report -f html' has everything)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "md", "html");
        var output = new Option<string?>("--out", "-o") { Description = "Write here instead of standard output" };
        var command = new Command("pareto", "Cost against quality per model: the Pareto front and who dominates whom")
        {
            run, store, quality, cost, models, accelerator, promptTokens, format, output,
        };
        ReportActions.Set(command, errors, parse =>
        {
            var report = ReportSource.Load(parse.GetValue(run), parse.GetValue(store)!);
            var metric = parse.GetValue(quality) ?? ReportViews.PrimaryMetric(report);
            if (!report.Models.Any(m => m.Metrics.ContainsKey(metric)))
            {
                throw new UsageException($"--quality: the run has no metric '{metric}' (it has: {string.Join(", ", ReportViews.MetricNames(report))})");
            }
            var kind = parse.GetValue(cost)!;
            CostQuality analysis;
            if (CostQualityBuilder.SampleFields.Contains(kind))
            {
                analysis = CostQualityBuilder.FromSampleField(report, kind, metric);
            }
            else
            {
                var path = parse.GetValue(models) ?? throw new UsageException($"--cost {kind} needs --models FILE (docs/models-file.md)");
                if (!File.Exists(path)) throw new UsageException($"models file '{path}' does not exist");
                var file = ModelsFile.Load(path);
                var acc = parse.GetValue(accelerator);
                if (acc is not null && !file.Catalog.TryGet(acc, out _))
                {
                    throw new UsageException($"--accelerator: unknown '{acc}' (known: {string.Join(", ", file.Catalog.Names)})");
                }
                analysis = CostQualityBuilder.FromModelsFile(report, file, kind, acc, parse.GetValue(promptTokens), metric);
            }
            var text = parse.GetValue(format) switch
            {
                "json" => ParetoDocument.Render(analysis),
                "md" => MarkdownReport.Render(report, analysis),
                "html" => HtmlReport.RenderCostQuality(report, analysis),
                _ => null,
            };
            return ReportCommand.Emit(console, parse.GetValue(output), text, () => Table(console, analysis));
        });
        return command;
    }

    private static void Table(IAnsiConsole console, CostQuality cq)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("model");
        table.AddColumn(new TableColumn(Markup.Escape(cq.CostLabel)).RightAligned());
        table.AddColumn(new TableColumn(Markup.Escape(cq.QualityLabel)).RightAligned());
        table.AddColumn("front");
        table.AddColumn("dominated by");
        foreach (var p in cq.Points.OrderBy(p => p.Cost).ThenByDescending(p => p.Quality))
        {
            table.AddRow(Markup.Escape(p.Name), p.Cost.ToString("G4", CultureInfo.InvariantCulture),
                ReportViews.Format(p.Quality) + (p.QualityCi is { } q ? $" [grey][[{ReportViews.Format(q.Low)}, {ReportViews.Format(q.High)}]][/]" : ""),
                p.OnFront ? "[green]yes[/]" : "no", Markup.Escape(string.Join(", ", p.DominatedBy)));
        }
        console.Write(table);
        var front = cq.Points.Where(p => p.OnFront).OrderBy(p => p.Cost).Select(p => p.Name);
        console.MarkupLineInterpolated($"front (cheapest first): {string.Join(" -> ", front)}");
        foreach (var skipped in cq.Skipped)
        {
            console.MarkupLineInterpolated($"[yellow]left out[/] {skipped}");
        }
    }
}
