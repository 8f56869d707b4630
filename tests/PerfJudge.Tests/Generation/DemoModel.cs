using PerfJudge.Tasks;

namespace PerfJudge.Tests.Generation;

/// <summary>A scripted "model" for the fake server: it recognises the demo task in a prompt and
/// answers with its reference solution, the way an instruct model answers EvalPlus's prompt.</summary>
public static class DemoModel
{
    public static readonly TaskSuite Suite = HumanEvalLoader.Load(Path.Combine(AppContext.BaseDirectory, "suites", "demo", "tasks.jsonl"), "demo");

    public static SuiteResolver Resolver() =>
        new(Path.Combine(AppContext.BaseDirectory, "suites"), Path.Combine(Path.GetTempPath(), "perfjudge-tests-cache"), (_, _, _) => Task.FromResult(false));

    /// <summary>The demo task whose prompt the request carries.</summary>
    public static CodeTask TaskOf(FakeRequest request) =>
        Suite.Tasks.Single(t => request.Prompt.Contains(t.Prompt.Trim(), StringComparison.Ordinal));

    /// <summary>A correct chat answer: prose, then the whole program in a python block.</summary>
    public static FakeReply Correct(FakeRequest request)
    {
        var task = TaskOf(request);
        return FakeReply.Chat($"Here is a solution:\n```python\n{task.ReferenceProgram}```\nIt runs in linear time.",
            prompt: 50 + task.Prompt.Length / 4, completion: 10 + task.CanonicalSolution.Length / 4);
    }
}
