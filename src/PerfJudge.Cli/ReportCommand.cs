using System.CommandLine;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge report</c>: renders a recorded run (or a results file) as a table, JSON, CSV, Markdown or HTML.</summary>
public static class ReportCommand
{
    /// <summary>Formats accepted by <c>--format</c>.</summary>
    public static readonly string[] Formats = ["table", "json", "csv", "md", "html"];

    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var run = new Option<string?>("--run") { Description = "Run id in the store, or a results .json file (default: the latest run)" };
        var store = StoreOption.Create();
        var format = new Option<string>("--format", "-f") { Description = "table, json, csv, md or html", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out", "-o") { Description = "Write here instead of standard output (html: required unless piped)" };
        var rows = new Option<string>("--csv-rows") { Description = "CSV: one row per 'models' or per 'samples'", DefaultValueFactory = _ => "models" };
        rows.AcceptOnlyFromAmong("models", "samples");
        var list = new Option<bool>("--list") { Description = "List the runs recorded in the store" };
        var metrics = new Option<string>("--metrics") { Description = "Table: metric families shown (pass,eff,dps,speedup,speedups,pie,effibench)", DefaultValueFactory = _ => "pass,eff,dps,speedup" };
        var command = new Command("report", "Render a recorded run or a results file: leaderboard, per-task outcomes, plots (html)")
        {
            run, store, format, output, rows, list, metrics,
        };
        ReportActions.Set(command, errors, parse =>
        {
            var storePath = parse.GetValue(store)!;
            if (parse.GetValue(list))
            {
                return ListRuns(console, storePath);
            }
            var report = ReportSource.Load(parse.GetValue(run), storePath);
            var text = parse.GetValue(format) switch
            {
                "json" => ResultsDocument.Render(report),
                "csv" => parse.GetValue(rows) == "samples" ? CsvReport.Samples(report) : CsvReport.Models(report),
                "md" => MarkdownReport.Render(report, CostQualityDefaults.FromSamples(report)),
                "html" => HtmlReport.Render(report, CostQualityDefaults.FromSamples(report)),
                _ => null,
            };
            var families = parse.GetValue(metrics)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Emit(console, parse.GetValue(output), text, () => TableReport.Render(console, report, families));
        });
        return command;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> (atomically) or the console; a
    /// null text means the terminal rendering <paramref name="table"/>.</summary>
    public static int Emit(IAnsiConsole console, string? path, string? text, Action table)
    {
        if (text is null)
        {
            table();
        }
        else if (path is null)
        {
            console.Profile.Out.Writer.Write(text);
        }
        else
        {
            if (OutputPaths.TryWrite("--out", path, text) is { } problem)
            {
                throw new IOException(problem.ToString());
            }
            console.MarkupLineInterpolated($"[grey]written to[/] {path}");
        }
        return ExitCodes.Done;
    }

    private static int ListRuns(IAnsiConsole console, string storePath)
    {
        if (!Storage.ResultStores.IsPostgres(storePath) && !File.Exists(storePath))
        {
            throw new UsageException($"no result store at '{storePath}'");
        }
        using var store = Storage.ResultStores.Open(storePath);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("run", "started (UTC)", "suite", "models", "samples", "shard");
        foreach (var r in store.ListRuns())
        {
            table.AddRow(Markup.Escape(r.Id), r.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(r.Suite), r.Models.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.ShardCount > 0 ? Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.ShardIndex}/{r.ShardCount} {r.ShardGroup}")) : "");
        }
        console.Write(table);
        return ExitCodes.Done;
    }
}
