using System.Text.Json;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Stress;

/// <summary>Levels that carry literal inputs instead of a generator (what stress writes).</summary>
[Collection(SandboxTests.Name)]
public class LiteralLevelTests
{
    private readonly string _dir = TestData.TempDir();

    [Fact]
    public async Task Eval_judges_efficiency_on_the_literal_inputs()
    {
        var big = "([" + string.Join(", ", Enumerable.Range(0, 3000).Select(i => (i * 7919 % 3001).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "],)";
        var task = new Dictionary<string, object>
        {
            ["task_id"] = "lit/0",
            ["prompt"] = StressSuites.HasDuplicatePrompt,
            ["canonical_solution"] = StressSuites.Fast,
            ["test"] = "",
            ["entry_point"] = "has_duplicate",
            ["levels"] = new object[]
            {
                new { hardness = 0, inputs = new[] { "([1, 2, 1],)", "([],)" } },
                new { size = 3000, count = 2, hardness = 3, inputs = new[] { big, big } },
            },
        };
        var suite = await StressSuites.WriteAsync(_dir, task);
        var samples = Path.Combine(_dir, "samples.jsonl");
        await File.WriteAllLinesAsync(samples,
        [
            JsonSerializer.Serialize(new { task_id = "lit/0", model = "linear", completion = StressSuites.SameCost }),
            JsonSerializer.Serialize(new { task_id = "lit/0", model = "quadratic", completion = StressSuites.Slow }),
            JsonSerializer.Serialize(new { task_id = "lit/0", model = "wrong", completion = "    return True\n" }),
        ]);
        var json = Path.Combine(_dir, "out.json");
        var outcome = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--json", json, "--no-cache",
            "--rounds", "1", "--timeout", "10");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var rows = outcome.Json!["results"]!.AsArray().ToDictionary(r => r!["model"]!.GetValue<string>(), r => r!);
        Assert.Equal("passed", rows["linear"]["verdict"]!.GetValue<string>());
        Assert.Equal("passed", rows["quadratic"]["verdict"]!.GetValue<string>());
        Assert.Equal("failed", rows["wrong"]["verdict"]!.GetValue<string>()); // ([],) has no duplicate
        Assert.True(rows["linear"]["efficiency"]!.GetValue<double>() > 0.3, rows["linear"].ToJsonString());
        Assert.True(rows["quadratic"]["efficiency"]!.GetValue<double>() < 0.1, rows["quadratic"].ToJsonString());
    }

    [Fact]
    public async Task Limit_references_lets_only_the_fast_reference_set_the_time_limits()
    {
        var big = "([" + string.Join(", ", Enumerable.Range(0, 3000).Select(i => (i * 7919 % 3001).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "],)";
        Dictionary<string, object> Task(int? limit)
        {
            var task = new Dictionary<string, object>
            {
                ["task_id"] = "lim/0",
                ["prompt"] = StressSuites.HasDuplicatePrompt,
                ["canonical_solution"] = StressSuites.Fast,
                ["references"] = new[] { StressSuites.Fast, StressSuites.Slow },
                ["test"] = "",
                ["entry_point"] = "has_duplicate",
                ["levels"] = new object[] { new { size = 3000, count = 1, hardness = 3, inputs = new[] { big } } },
            };
            if (limit is not null)
            {
                task["limit_references"] = limit.Value;
            }
            return task;
        }
        var samples = Path.Combine(_dir, "samples.jsonl");
        await File.WriteAllLinesAsync(samples, [JsonSerializer.Serialize(new { task_id = "lim/0", model = "quadratic", completion = StressSuites.Slow })]);
        async Task<double> Efficiency(int? limit, string name)
        {
            var suite = await StressSuites.WriteAsync(Directory.CreateDirectory(Path.Combine(_dir, name)).FullName, Task(limit));
            var outcome = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--json", Path.Combine(_dir, name + ".json"),
                "--no-cache", "--rounds", "1", "--timeout", "10");
            Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
            return outcome.Json!["results"]![0]!["efficiency"]!.GetValue<double>();
        }
        // With both references setting the limits, the quadratic sample is as slow as the slowest
        // one allows and keeps some efficiency; limited by the fast reference, it exceeds the limit.
        Assert.True(await Efficiency(null, "all") > 0.2);
        Assert.Equal(0.0, await Efficiency(1, "fast"));
    }

    [Theory]
    [InlineData("{\"hardness\": 1, \"count\": 3, \"inputs\": [\"(1,)\"]}", "count 3 but 1 inputs")]
    [InlineData("{\"hardness\": 1, \"size\": 5, \"count\": 1}", "without an input_generator")]
    [InlineData("{\"hardness\": 1, \"inputs\": []}", "non-empty array of strings")]
    [InlineData("{\"hardness\": 1, \"inputs\": [\"(1,)\"]}], \"limit_references\": 2, \"x\": [0", "field 'limit_references' must be an integer from 1 to the number of references (1)")]
    public void Malformed_literal_levels_are_reported(string level, string expected)
    {
        var line = "{\"task_id\": \"t\", \"prompt\": \"\", \"canonical_solution\": \"\", \"test\": \"\", \"entry_point\": \"f\", \"levels\": [" + level + "]}";
        var path = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllText(path, line + "\n");
        var error = Assert.Throws<SuiteFormatException>(() => HumanEvalLoader.Load(path));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_literal_level_needs_no_generator()
    {
        var path = Path.Combine(_dir, "ok.jsonl");
        File.WriteAllText(path, "{\"task_id\": \"t\", \"prompt\": \"\", \"canonical_solution\": \"\", \"test\": \"\", \"entry_point\": \"f\", \"levels\": [{\"hardness\": 0, \"inputs\": [\"(1, 'a')\", \"([2],)\"]}]}\n");
        var spec = HumanEvalLoader.Load(path).Tasks[0].Efficiency!;
        Assert.Equal("", spec.Generator);
        Assert.Equal(2, spec.Levels[0].Count);
        Assert.Equal(["(1, 'a')", "([2],)"], spec.Levels[0].Inputs!);
    }
}
