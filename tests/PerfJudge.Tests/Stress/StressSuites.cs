using System.Text.Json;

namespace PerfJudge.Tests.Stress;

/// <summary>Small suites for the stress tests, written to a temporary folder.</summary>
internal static class StressSuites
{
    public const string HasDuplicatePrompt = "def has_duplicate(nums: list) -> bool:\n    \"\"\"True if some value occurs twice.\"\"\"\n";
    public const string Fast = "    return len(set(nums)) != len(nums)\n";
    /// <summary>A second linear solution at the fast reference's own cost. A Python loop over a set
    /// runs about 2x the reference, right at alpha = 2, where one noisy round decides whether it
    /// scores 0.5 or 0.1 (CI once read 0.17).</summary>
    public const string SameCost = "    unique = set(nums)\n    return len(unique) < len(nums)\n";
    public const string Slow = "    for i, x in enumerate(nums):\n        if x in nums[i + 1:]:\n            return True\n    return False\n";

    /// <summary>Kinds 0 and 2 (no duplicate, or one only at the end) are quadratic for the slow
    /// reference; kind 1 (a duplicate of the first value at the end) is linear for both.</summary>
    public const string HasDuplicateGenerator =
        "def generate_input(size, lid, cid):\n    nums = random.sample(range(10 * size + 10), size)\n    if cid % 3 == 1:\n        nums.append(nums[0])\n    elif cid % 3 == 2:\n        nums.append(nums[-1])\n    return (nums,)\n";

    public static Dictionary<string, object> Task(string id, string prompt, string entry, string fast, string slow,
        string test, string? generator)
    {
        var task = new Dictionary<string, object>
        {
            ["task_id"] = id,
            ["prompt"] = prompt,
            ["canonical_solution"] = fast,
            ["test"] = test,
            ["entry_point"] = entry,
            ["references"] = new[] { fast, slow },
        };
        if (generator is not null)
        {
            task["input_generator"] = generator;
            task["levels"] = new[] { new { size = 8, count = 2, hardness = 0 } };
        }
        return task;
    }

    public static async Task<string> WriteAsync(string dir, params Dictionary<string, object>[] tasks)
    {
        var path = Path.Combine(dir, "suite.jsonl");
        await File.WriteAllLinesAsync(path, tasks.Select(t => JsonSerializer.Serialize(t)));
        return path;
    }
}
