using System.Text.Json.Nodes;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

[Collection(SandboxTests.Name)]
public class ReportCommandTests
{
    private readonly string _dir = TestData.TempDir();

    private string Store => Path.Combine(_dir, "store.db");

    [Fact]
    public async Task Eval_records_the_run_and_report_renders_it_in_every_format()
    {
        var html = Path.Combine(_dir, "demo.html");
        var json = Path.Combine(_dir, "demo.json");
        var eval = await CliRunner.RunAsync("eval", "--store", Store, "--json", json, "--html", html);
        Assert.True(eval.ExitCode == 0, eval.Err);
        var runId = eval.Json!["run"]!["id"]!.GetValue<string>();
        Assert.Contains(runId, eval.Out, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("id=\"plot-leaderboard\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-pareto\"", page, StringComparison.Ordinal); // demo samples carry usd
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);

        // The stored run renders to the same document as the file eval wrote.
        var fromStore = Path.Combine(_dir, "again.json");
        var report = await CliRunner.RunAsync("report", "--store", Store, "--run", runId, "--format", "json", "--out", fromStore);
        Assert.True(report.ExitCode == 0, report.Err);
        Assert.Equal(JsonNode.Parse(await File.ReadAllTextAsync(json))!.ToJsonString(),
            JsonNode.Parse(await File.ReadAllTextAsync(fromStore))!.ToJsonString());

        var table = await CliRunner.RunAsync("report", "--store", Store);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("ranked by pass@1", table.Out, StringComparison.Ordinal);
        Assert.Contains("tortoise-7b", table.Out, StringComparison.Ordinal);

        var md = await CliRunner.RunAsync("report", "--run", json, "--format", "md");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains("| 1 | tortoise-7b |", md.Out, StringComparison.Ordinal);
        Assert.Contains("## Cost and quality", md.Out, StringComparison.Ordinal);

        var csv = await CliRunner.RunAsync("report", "--store", Store, "--format", "csv", "--csv-rows", "samples");
        Assert.Equal(0, csv.ExitCode);
        Assert.Equal(32, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 31 samples

        var list = await CliRunner.RunAsync("report", "--store", Store, "--list");
        Assert.Contains(runId, list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_runs_and_bad_files_are_clear_errors()
    {
        var noStore = await CliRunner.RunAsync("report", "--store", Path.Combine(_dir, "none.db"));
        Assert.Equal(2, noStore.ExitCode);
        Assert.Contains("no result store", noStore.Err, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync("report", "--run", Path.Combine(_dir, "missing.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);

        var bad = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"schema\": \"perfjudge.results/1\", \"run\": {}}");
        var broken = await CliRunner.RunAsync("report", "--run", bad);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("bad.json: field 'run.started_utc': expected a string", broken.Err, StringComparison.Ordinal);

        var notJson = Path.Combine(_dir, "not.json");
        await File.WriteAllTextAsync(notJson, "{\n  \"schema\": \n}");
        var parse = await CliRunner.RunAsync("report", "--run", notJson);
        Assert.Equal(1, parse.ExitCode);
        Assert.Contains("not.json:3: not valid JSON", parse.Err, StringComparison.Ordinal);

        var eval = await CliRunner.RunAsync("eval", "--store", Store);
        Assert.Equal(0, eval.ExitCode);
        var unknown = await CliRunner.RunAsync("report", "--store", Store, "--run", "20000101-000000-0000");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no run '20000101-000000-0000'", unknown.Err, StringComparison.Ordinal);
        Assert.Contains("latest:", unknown.Err, StringComparison.Ordinal);
    }
}
