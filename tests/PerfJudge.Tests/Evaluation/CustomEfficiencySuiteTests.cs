using System.Text.Json;
using PerfJudge.Tests.Stress;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

/// <summary>An efficiency suite authored in the HumanEval format with efficiency fields, judged
/// end to end through the CLI: a linear, a quadratic and a wrong solution.</summary>
[Collection(SandboxTests.Name)]
public class CustomEfficiencySuiteTests
{
    [Fact]
    public async Task Quadratic_code_is_correct_but_scores_low_and_linear_code_scores_high()
    {
        var dir = TestData.TempDir();
        var task = new Dictionary<string, object>
        {
            ["task_id"] = "custom/0",
            ["prompt"] = StressSuites.HasDuplicatePrompt,
            ["canonical_solution"] = StressSuites.Fast,
            ["test"] = "",
            ["entry_point"] = "has_duplicate",
            ["input_generator"] = "def generate_input(size, lid, cid):\n    nums = list(range(size))\n    random.shuffle(nums)\n    if cid % 2:\n        nums.append(nums[size // 2])\n    return (nums,)\n",
            ["levels"] = new[] { new { size = 10, count = 4, hardness = 0 }, new { size = 3000, count = 4, hardness = 1 } },
        };
        var suite = Path.Combine(dir, "suite.jsonl");
        await File.WriteAllTextAsync(suite, JsonSerializer.Serialize(task) + "\n");
        var samples = Path.Combine(dir, "samples.jsonl");
        await File.WriteAllLinesAsync(samples,
        [
            JsonSerializer.Serialize(new { task_id = "custom/0", model = "linear", completion = StressSuites.SameCost }),
            JsonSerializer.Serialize(new { task_id = "custom/0", model = "quadratic", completion = "    for i in range(len(nums)):\n        for j in range(i):\n            if nums[i] == nums[j]:\n                return True\n    return False\n" }),
            JsonSerializer.Serialize(new { task_id = "custom/0", model = "wrong", completion = "    return False\n" }),
        ]);
        var json = Path.Combine(dir, "out.json");
        var outcome = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--json", json, "--no-cache",
            "--rounds", "1", "--timeout", "10");
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        var rows = outcome.Json!["results"]!.AsArray().ToDictionary(r => r!["model"]!.GetValue<string>(), r => r!);
        Assert.Equal("passed", rows["linear"]["verdict"]!.GetValue<string>());
        Assert.Equal("passed", rows["quadratic"]["verdict"]!.GetValue<string>());
        Assert.Equal("failed", rows["wrong"]["verdict"]!.GetValue<string>());
        Assert.True(rows["linear"]["efficiency"]!.GetValue<double>() > 0.3, rows["linear"].ToJsonString());
        Assert.True(rows["quadratic"]["efficiency"]!.GetValue<double>() < 0.1, rows["quadratic"].ToJsonString());
        Assert.Equal(0, rows["wrong"]["efficiency"]!.GetValue<double>());
        var linear = outcome.Json["models"]!.AsArray().First(m => m!["model"]!.GetValue<string>() == "linear")!;
        Assert.NotNull(linear["metrics"]!["eff@1"]);
    }
}
