using System.CommandLine;
using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Reports;
using PerfJudge.Storage;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge merge [SHARD.json...]</c>: merges the shards of a sharded run (documents, or
/// the shards of a group in the store) into one run, records it and renders it.</summary>
public static class MergeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var documents = new Argument<string[]>("documents") { Description = "Results documents of the shards (none: read the shards from --store)", Arity = ArgumentArity.ZeroOrMore };
        var store = StoreOption.Create();
        var noRecord = new Option<bool>("--no-record") { Description = "Do not record the merged run in the store" };
        var group = new Option<string?>("--group") { Description = "The sharded run to merge from the store (default: the latest)" };
        var wait = new Option<double>("--wait") { Description = "Wait up to this many seconds for missing shards to appear in the store", DefaultValueFactory = _ => 0 };
        var json = new Option<string?>("--json") { Description = "Write the merged results document here" };
        var html = new Option<string?>("--html") { Description = "Also write the HTML report here" };
        var command = new Command("merge", "Merge the shards of a sharded run (eval --shard) into one run: same verdicts and metrics as one machine's run")
        {
            documents, store, noRecord, group, wait, json, html,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new MergeOptions(parse.GetValue(documents) ?? [], parse.GetValue(noRecord) ? null : parse.GetValue(store),
                parse.GetValue(group), parse.GetValue(wait));
            var result = await new MergeJob(ResultStores.Open, TimeProvider.System).RunAsync(options, cancel);
            DiagnosticWriter.Write(errors, result.Diagnostics, "perfjudge merge");
            if (!result.Succeeded)
            {
                return DiagnosticWriter.ExitCode(result.Diagnostics);
            }
            var report = result.Value!.Report;
            RenderShards(console, report.Run.Shards ?? []);
            SummaryTable.Render(console, report.Models);
            if (report.Run.Id is not null)
            {
                console.MarkupLineInterpolated($"[grey]run[/] {report.Run.Id} [grey]recorded in[/] {ResultStores.Display(options.Store!)}");
            }
            if (parse.GetValue(json) is { } path)
            {
                AtomicFile.Write(path, result.Value.Document);
                console.MarkupLineInterpolated($"[grey]results written to[/] {path}");
            }
            if (parse.GetValue(html) is { } htmlPath)
            {
                AtomicFile.Write(htmlPath, HtmlReport.Render(report, CostQualityDefaults.FromSamples(report)));
            }
            return ExitCodes.Done;
        });
        return command;
    }

    private static void RenderShards(IAnsiConsole console, IReadOnlyList<ShardRun> shards)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("shard", "run", "samples", "wall s", "isolation", "python", "machine");
        foreach (var s in shards)
        {
            table.AddRow(s.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(s.RunId ?? "-"), s.Rows.ToString(CultureInfo.InvariantCulture),
                s.WallSeconds.ToString("F1", CultureInfo.InvariantCulture), Markup.Escape(s.Isolation), Markup.Escape(s.PythonVersion),
                Markup.Escape(s.Fingerprint ?? "unknown"));
        }
        console.Write(table);
    }
}
