using System.Text.Json.Nodes;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Stress;

/// <summary><c>perfjudge stress</c> on its default meter where the machine has no hardware counter:
/// every decision on callgrind's instruction counts (docs/stress.md, "Deterministic costs").</summary>
[Collection(SandboxTests.Name)]
public class StressCallgrindTests
{
    private readonly string _dir = TestData.TempDir();

    [Fact]
    public async Task Two_fresh_runs_with_their_own_stores_count_the_same_instructions_and_write_the_same_bytes()
    {
        const string prompt = "def prefix_sums(nums: list) -> list:\n    \"\"\"Running totals.\"\"\"\n";
        // One reference, the canonical solution (quadratic); no generator: fuzzed.
        var task = StressSuites.Task("prefix", prompt, "prefix_sums", "    return [sum(nums[:i + 1]) for i in range(len(nums))]\n", "",
            "def check(candidate):\n    assert candidate([1, 2, 3]) == [1, 3, 6]\n    assert candidate([5, 4]) == [5, 9]\n", null);
        task.Remove("references");
        var suite = await StressSuites.WriteAsync(_dir, task);
        var samples = Path.Combine(_dir, "samples.jsonl");
        await File.WriteAllTextAsync(samples,
            "{\"task_id\": \"prefix\", \"completion\": \"    out, t = [], 0\\n    for x in nums:\\n        t += x\\n        out.append(t)\\n    return out\\n\"}\n" +
            "{\"task_id\": \"prefix\", \"completion\": \"    return [sum(nums[:i + 1]) for i in range(len(nums))]\\n\"}\n");
        async Task<(byte[] Suite, JsonNode Task, string Err)> Run(string name)
        {
            var outDir = Path.Combine(_dir, name);
            // Budget 2e6 instructions: the quadratic reference reaches it near 256 elements.
            var outcome = await CliRunner.RunAsync(["stress", "--suite", suite, "--samples", samples, "--out", outDir,
                "--store", Path.Combine(_dir, name + ".db"), "--fresh", "--budget", "2e6", "--candidates", "2", "--keep", "1",
                "--fuzz-probe-scale", "16", "--rounds", "1"]);
            Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
            var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")))!;
            Assert.Equal("callgrind", report["run"]!["meter"]!.GetValue<string>());
            return (await File.ReadAllBytesAsync(Path.Combine(outDir, "tasks.jsonl")), report["tasks"]![0]!, outcome.Err);
        }
        var a = await Run("a");
        var b = await Run("b");
        Assert.Contains("meter auto -> callgrind", a.Err, StringComparison.Ordinal);
        Assert.Equal(a.Suite, b.Suite);
        // The counts themselves repeat to the instruction (since stop 27's fixed hash seed and stop 28's
        // scratch folders of one path length; docs/stress.md): every scale step, reference cost and sample total.
        var worker = a.Task["worker"]!;
        var other = b.Task["worker"]!;
        Assert.Equal(worker["search"]!.AsArray().Select(s => s!["scale"]!.GetValue<long>()),
            other["search"]!.AsArray().Select(s => s!["scale"]!.GetValue<long>()));
        foreach (var field in new[] { "selected_costs", "sample_costs" })
        {
            var (x, y) = (Counts(worker[field]!), Counts(other[field]!));
            Assert.Equal(x.Count, y.Count);
            Assert.All(x.Zip(y), p => Assert.True(p.First == p.Second, $"{field}: {p.First} vs {p.Second}"));
        }
        // Scale steps: CPU time decides far from the budget (4x either way at 4e9 instructions per
        // second, pj_margin), counts inside that margin; a step counted in both runs has the same count.
        var steps = worker["search"]!.AsArray();
        foreach (var (x, y) in steps.Zip(other["search"]!.AsArray()))
        {
            if (x!["costs"] is JsonArray cx && y!["costs"] is JsonArray cy)
            {
                Assert.True(cx[0]!.GetValue<double>() == cy[0]!.GetValue<double>(), $"{cx} vs {cy}");
            }
        }
        Assert.Equal("over budget", steps[^1]!["stop"]!.GetValue<string>());
        Assert.True(Estimate(steps[^1]!) > 2e6);
        Assert.True(Estimate(steps[^2]!) <= 2e6);
        Assert.Contains(steps, s => s!["decided"]!.GetValue<string>() == "time");
        // The quadratic sample against the linear one: a wide spread, in counts.
        Assert.True(a.Task["selected_spread"]!.GetValue<double>() > 5, a.Task.ToJsonString());
        // Seconds are still reported (report.json only).
        Assert.True(worker["selected_seconds"]![0]!.GetValue<double>() > 0);
    }

    /// <summary>A step's cost in instructions: its count, or where time decided, its CPU time at the margin's
    /// conservative end (4e9 instructions per second, 4x: pj_margin).</summary>
    private static double Estimate(JsonNode step) => step["costs"] is JsonArray c
        ? c[0]!.GetValue<double>()
        : step["stop"] is null ? step["seconds"]![0]!.GetValue<double>() * 4e9 * 4 : step["seconds"]![0]!.GetValue<double>() * 4e9 / 4;

    /// <summary>Every number in a node (the counts of search steps, costs, totals), in document order.</summary>
    private static List<double> Counts(JsonNode node) => node switch
    {
        JsonArray array => array.SelectMany(n => n is null ? [] : Counts(n)).ToList(),
        JsonObject obj => obj.Where(p => p.Key != "scale").SelectMany(p => p.Value is null ? [] : Counts(p.Value)).ToList(),
        JsonValue value when value.TryGetValue<double>(out var d) => [d],
        _ => [],
    };

    [Fact]
    public async Task A_time_budget_for_a_counting_meter_is_a_usage_error()
    {
        var outcome = await CliRunner.RunAsync(["stress", "--meter", "callgrind", "--budget", "100ms", "--out", Path.Combine(_dir, "x"),
            "--store", Path.Combine(_dir, "x.db")]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("counts instructions", outcome.Err, StringComparison.Ordinal);
    }
}
