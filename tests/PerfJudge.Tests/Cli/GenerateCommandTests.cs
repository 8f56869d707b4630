using System.Text.Json.Nodes;
using PerfJudge.Tests.Generation;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

[Collection(SandboxTests.Name)]
public sealed class GenerateCommandTests
{
    private readonly string _dir = TestData.TempDir();

    /// <summary>A model that answers most tasks well, one with prose only, one cut off by the token
    /// limit and one with just the body.</summary>
    private static FakeReply Mixed(FakeRequest r) => DemoModel.TaskOf(r).TaskId switch
    {
        "demo/0-two_sum_exists" => FakeReply.Chat("I am sorry, I cannot help with that.", completion: 9),
        "demo/1-count_distinct" => FakeReply.Chat("```python\ndef count_distinct(values: list) -> int:\n    return len(set(", finish: "length", completion: 16),
        "demo/2-is_palindrome" => FakeReply.Chat("```python\n    letters = [c.lower() for c in text if c.isalpha()]\n    return letters == letters[::-1]\n```", completion: 30),
        _ => DemoModel.Correct(r),
    };

    [Fact]
    public async Task Eval_generate_judges_what_the_endpoint_answered_and_pareto_reads_its_tokens()
    {
        using var server = new FakeOpenAiServer(Mixed);
        var samples = Path.Combine(_dir, "fake.jsonl");
        var json = Path.Combine(_dir, "results.json");
        var run = await CliRunner.RunAsync("eval", "--generate", "--suite", "demo", "--model", "fake-coder", "--base-url", server.BaseUrl,
            "--samples", samples, "--n", "2", "--concurrency", "4", "--retry-delay", "0.01", "--store", Path.Combine(_dir, "store.db"), "--json", json);

        Assert.True(run.ExitCode == 0, run.Err + run.Out);
        Assert.Contains("2 answer(s) held no code and 2 were cut off", run.Err, StringComparison.Ordinal);
        Assert.Contains("18 sample(s) generated", run.Out, StringComparison.Ordinal);
        var rows = run.Json!["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(18, rows.Count);
        string Verdict(string task) => string.Join(",", rows.Where(r => r["task_id"]!.GetValue<string>() == task).Select(r => r["verdict"]!.GetValue<string>()).Distinct());
        Assert.Equal("failed", Verdict("demo/0-two_sum_exists"));
        Assert.Equal("error", Verdict("demo/1-count_distinct"));
        Assert.Equal("passed", Verdict("demo/2-is_palindrome"));
        Assert.Equal("passed", Verdict("demo/8-rle_roundtrip"));
        Assert.All(rows, r => Assert.True(r["completion_tokens"] is not null && r["prompt_tokens"] is not null && r["latency_s"] is not null));
        Assert.Equal(9, rows.First(r => r["task_id"]!.GetValue<string>() == "demo/0-two_sum_exists")["completion_tokens"]!.GetValue<int>());

        var pareto = await CliRunner.RunAsync("pareto", "--run", json, "--cost", "completion_tokens", "--quality", "pass@1", "-f", "json", "-o", Path.Combine(_dir, "p.json"));
        Assert.True(pareto.ExitCode == 0, pareto.Err);
        var point = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "p.json")))!["points"]!.AsArray().Single()!;
        Assert.Equal("fake-coder", point["model"]!.GetValue<string>());
        Assert.Equal(rows.Average(r => r["completion_tokens"]!.GetValue<double>()), point["cost"]!.GetValue<double>(), 9);

        // A second eval --generate finds every sample in the file and asks for nothing.
        var requests = server.Requests.Count;
        var again = await CliRunner.RunAsync("eval", "--generate", "--suite", "demo", "--model", "fake-coder", "--base-url", server.BaseUrl,
            "--samples", samples, "--n", "2", "--store", Path.Combine(_dir, "store.db"));
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public async Task Generate_refuses_bad_options_all_together()
    {
        var run = await CliRunner.RunAsync("generate", "--model", "m", "--base-url", "localhost:8000", "--n", "0",
            "--api-key-env", "PERFJUDGE_TEST_UNSET_KEY", "--out", Path.Combine(_dir, "x.jsonl"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--api-key-env: environment variable 'PERFJUDGE_TEST_UNSET_KEY' is not set", run.Err, StringComparison.Ordinal);
        Assert.Contains("--base-url: 'localhost:8000' is not an http(s) URL", run.Err, StringComparison.Ordinal);
        Assert.Contains("--n: must be between 1 and 10000", run.Err, StringComparison.Ordinal);
    }
}
