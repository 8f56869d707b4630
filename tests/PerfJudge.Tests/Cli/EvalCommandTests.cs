using System.Text.Json;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

[Collection(SandboxTests.Name)]
public class EvalCommandTests
{
    private readonly string _dir = TestData.TempDir();

    private string Store => Path.Combine(_dir, "store.db");

    [Fact]
    public async Task Eval_without_arguments_runs_the_demo_and_reruns_from_the_store()
    {
        var json = Path.Combine(_dir, "demo.json");
        var first = await CliRunner.RunAsync("eval", "--store", Store, "--json", json, "--k", "1,2");
        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("tortoise-7b", first.Out, StringComparison.Ordinal);
        Assert.Contains("hare-13b", first.Out, StringComparison.Ordinal);
        var doc = first.Json!;
        Assert.Equal("perfjudge.results/1", doc["schema"]!.GetValue<string>());
        var tortoise = doc["models"]!.AsArray().First(m => m!["model"]!.GetValue<string>() == "tortoise-7b")!;
        Assert.Equal(1, tortoise["verdicts"]!["timeout"]!.GetValue<int>());
        Assert.Null(tortoise["metrics"]!["pass@2"]); // some tasks have a single sample
        Assert.Contains("not computable", tortoise["notes"]!["pass@2"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(doc["results"]!.AsArray(), r => r!["verdict"]!.GetValue<string>() == "failed");
        Assert.Contains(doc["results"]!.AsArray(), r => r!["verdict"]!.GetValue<string>() == "error");

        var second = await CliRunner.RunAsync("eval", "--store", Store, "--json", json, "--k", "1,2");
        Assert.Equal(0, second.ExitCode);
        Assert.All(second.Json!["results"]!.AsArray(), r => Assert.True(r!["cached"]!.GetValue<bool>()));
        Assert.Equal(doc["models"]!.ToJsonString(), second.Json!["models"]!.ToJsonString());
    }

    [Fact]
    public async Task Invalid_sample_lines_stop_the_run_unless_skipped()
    {
        var samples = Path.Combine(_dir, "mixed.jsonl");
        await File.WriteAllLinesAsync(samples,
        [
            JsonSerializer.Serialize(new { task_id = "demo/3-fibonacci", completion = "    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n" }),
            "{broken",
            JsonSerializer.Serialize(new { task_id = "demo/99-nope", completion = "x" }),
        ]);
        var stopped = await CliRunner.RunAsync("eval", "--samples", samples, "--store", Store);
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("mixed.jsonl:2: malformed JSON", stopped.Err, StringComparison.Ordinal);
        Assert.Contains("mixed.jsonl:3: field 'task_id': unknown task_id 'demo/99-nope'", stopped.Err, StringComparison.Ordinal);
        Assert.Contains("--skip-invalid", stopped.Err, StringComparison.Ordinal);

        var json = Path.Combine(_dir, "skip.json");
        var skipped = await CliRunner.RunAsync("eval", "--samples", samples, "--store", Store, "--skip-invalid", "--json", json);
        Assert.Equal(0, skipped.ExitCode);
        var result = Assert.Single(skipped.Json!["results"]!.AsArray());
        Assert.Equal("passed", result!["verdict"]!.GetValue<string>());
        Assert.Equal("mixed", result["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("eval", "--k", "0")]
    [InlineData("eval", "--k", "x")]
    [InlineData("eval", "--timeout", "-1")]
    [InlineData("eval", "--jobs", "0")]
    [InlineData("eval", "--isolation", "paper")]
    [InlineData("eval", "--no-such-option")]
    [InlineData("eval", "--suite", "humaneval-typo.jsonl", "--samples", "x.jsonl", "--k", "1", "--bogus")]
    public async Task Usage_errors_exit_with_2(params string[] args)
    {
        var outcome = await CliRunner.RunAsync(args);
        Assert.Equal(2, outcome.ExitCode);
        Assert.NotEmpty(outcome.Err);
    }

    [Fact]
    public async Task A_missing_suite_file_is_an_input_error()
    {
        var outcome = await CliRunner.RunAsync("eval", "--suite", Path.Combine(_dir, "none.jsonl"), "--samples", "canonical");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("none.jsonl", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_isolation_runs_in_a_file_system_sandbox()
    {
        var outcome = await CliRunner.RunAsync("eval", "--samples", "canonical", "--isolation", "strict", "--store", Store);
        Assert.True(outcome.ExitCode == 0, outcome.Err);
        Assert.Contains(SandboxLevels.Available[0], outcome.Out, StringComparison.Ordinal);
        Assert.Contains("canonical", outcome.Out, StringComparison.Ordinal);
    }
}
