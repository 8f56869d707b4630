using System.Text.Json;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Jobs;

/// <summary>A HumanEval-format suite of <c>tasks</c> trivial tasks (T/0, T/1, ...) on disk, for job
/// tests with the fake runner, and a resolver that finds it (and downloads nothing).</summary>
public static class FakeSuite
{
    /// <summary>Writes <c>suite.jsonl</c> into <paramref name="dir"/>.</summary>
    public static (string Path, SuiteResolver Resolver) Write(string dir, int tasks)
    {
        var path = Path.Combine(dir, "suite.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, tasks).Select(t => JsonSerializer.Serialize(new
        {
            task_id = $"T/{t}", prompt = $"def f{t}(x):\n", canonical_solution = "    return 'ok'\n",
            test = "def check(candidate):\n    assert candidate(1)\n", entry_point = $"f{t}",
        })));
        return (path, new SuiteResolver(dir, dir, (_, _, _) => Task.FromResult(false)));
    }
}
