using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Jobs;

/// <summary>What eval says about the samples it is given: several files in one run, partial coverage,
/// file-level problems, a wrong --suite; no silent wrong answers.</summary>
public class SampleLoaderTests
{
    private readonly string _dir = TestData.TempDir();
    private readonly string _suite;
    private readonly SuiteResolver _resolver;

    public SampleLoaderTests()
    {
        _suite = Path.Combine(_dir, "suite.jsonl");
        File.WriteAllLines(_suite, Enumerable.Range(0, 4).Select(t => JsonSerializer.Serialize(new
        {
            task_id = $"T/{t}", prompt = $"def f{t}(x):\n", canonical_solution = "    return 'ok'\n",
            test = "def check(candidate):\n    assert candidate(1)\n", entry_point = $"f{t}",
        })));
        _resolver = new SuiteResolver(_dir, _dir, (_, _, _) => Task.FromResult(false));
    }

    private string Samples(string name, IEnumerable<int> tasks, string? model = null)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, tasks.Select(t => model is null
            ? JsonSerializer.Serialize(new { task_id = $"T/{t}", completion = "    return 'ok'\n" })
            : JsonSerializer.Serialize(new { task_id = $"T/{t}", completion = "    return 'ok'\n", model })));
        return path;
    }

    private async Task<JobResult<EvalOutcome>> Run(string? first, IReadOnlyList<string>? more = null, bool skipInvalid = false) =>
        await new EvalJob(new FakeEngines(new FakeRunner(), new MemoryStore()), _resolver, new FakeTimeProvider())
            .RunAsync(new EvalOptions(_suite, first, [1], ExecutionLimits.Default, new EngineOptions(NoCache: true),
                SkipInvalid: skipInvalid, MoreSamples: more), null, CancellationToken.None);

    [Fact]
    public async Task Several_samples_files_are_judged_in_one_run_with_indexes_counted_across_them()
    {
        var a = Samples("model-a.jsonl", [0, 1, 2, 3]);
        var b = Samples("model-b.jsonl", [0, 1, 2, 3]);
        var a2 = Samples("more-a.jsonl", [0], model: "model-a");
        var result = await Run(a, [b, a2]);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var rows = result.Value!.Report.Rows;
        Assert.Equal(9, rows.Count);
        Assert.Equal(["model-a", "model-b"], result.Value.Report.RealModels.Select(m => m.Model).Order());
        Assert.Equal([0, 1], rows.Where(r => r.Model == "model-a" && r.TaskId == "T/0").Select(r => r.Sample));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "samples.coverage");
    }

    [Fact]
    public async Task Samples_that_cover_part_of_the_suite_are_judged_with_a_warning_saying_so()
    {
        var result = await Run(Samples("part.jsonl", [0, 1]));
        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "samples.coverage");
        Assert.Equal(DiagnosticKind.Warning, warning.Kind);
        Assert.Contains("cover 2 of the 4 tasks", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_that_cover_different_tasks_are_named()
    {
        var result = await Run(Samples("full.jsonl", [0, 1, 2, 3]), [Samples("half.jsonl", [0, 1])]);
        Assert.Contains(result.Diagnostics, d => d.Code == "samples.coverage" && d.Message.Contains("full 4, half 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_empty_file_is_one_error_without_the_skip_invalid_advice()
    {
        var empty = Path.Combine(_dir, "empty.jsonl");
        File.WriteAllText(empty, "");
        var result = await Run(empty, [Path.Combine(_dir, "missing.jsonl")], skipInvalid: true);
        Assert.False(result.Succeeded);
        var text = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Equal([$"{empty}: the samples file is empty", $"{Path.Combine(_dir, "missing.jsonl")}: samples file not found"], text);
        Assert.DoesNotContain(text, t => t.Contains("--skip-invalid", StringComparison.Ordinal) || t.Contains(":0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_task_ids_end_with_a_hint_about_the_suite()
    {
        var path = Path.Combine(_dir, "other.jsonl");
        File.WriteAllLines(path, ["{\"task_id\":\"HumanEval/0\",\"completion\":\"x\"}", "{\"task_id\":\"HumanEval/1\",\"completion\":\"x\"}"]);
        var result = await Run(path);
        var hint = Assert.Single(result.Diagnostics, d => d.Code == "samples.suite-hint");
        Assert.Contains("2 line(s) name tasks that suite", hint.Message, StringComparison.Ordinal);
        Assert.Contains("look like 'T/0'", hint.Message, StringComparison.Ordinal);
        Assert.Contains("is --suite right?", hint.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_cannot_be_mixed_with_files_and_a_bad_timeout_names_only_the_timeout()
    {
        var options = new EvalOptions("demo", "canonical", [1], ExecutionLimits.WithTimeout(-1), new EngineOptions(), MoreSamples: ["x.jsonl"]);
        var problems = options.Validate();
        Assert.Equal(["--timeout", "--samples"], problems.Select(p => p.Field));
        Assert.DoesNotContain(problems, p => p.Message.Contains("CPU", StringComparison.Ordinal));
    }
}
