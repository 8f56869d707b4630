using PerfJudge.Judging;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Runners;

[Collection(SandboxTests.Name)]
public class HumanEvalCanonicalTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static TaskSuite Load() => HumanEvalLoader.Load(TestData.Require("humaneval", "HumanEval.jsonl.gz"), "humaneval");

    [DataFact("humaneval", "HumanEval.jsonl.gz")]
    public async Task All_164_canonical_solutions_pass()
    {
        var suite = Load();
        Assert.Equal(164, suite.Tasks.Count);
        var results = await Task.WhenAll(suite.Tasks.Select(t =>
            sandbox.JudgeAsync(t.ReferenceProgram, t.Test, t.EntryPoint, t.Prompt)));
        var failures = suite.Tasks.Zip(results).Where(p => p.Second.Verdict != Verdict.Passed)
            .Select(p => $"{p.First.TaskId}: {p.Second.Verdict} {p.Second.Detail}").ToList();
        Assert.Empty(failures);
    }

    [DataFact("humaneval", "HumanEval.jsonl.gz")]
    public async Task A_solution_returning_a_wrong_constant_fails_every_task()
    {
        var suite = Load();
        // The mutant keeps the prompt (signature, helpers) and returns a constant of no use.
        const string mutant = "    return '__perfjudge_wrong_constant__'\n";
        var results = await Task.WhenAll(suite.Tasks.Select(t =>
            sandbox.JudgeAsync(t.Prompt + mutant, t.Test, t.EntryPoint, t.Prompt)));
        var passed = suite.Tasks.Zip(results).Where(p => p.Second.Verdict == Verdict.Passed).Select(p => p.First.TaskId).ToList();
        Assert.Empty(passed);
        Assert.All(results, r => Assert.Contains(r.Verdict, new[] { Verdict.Failed, Verdict.Error }));
    }

    [DataFact("humaneval", "HumanEval.jsonl.gz")]
    public async Task Property_style_tests_keep_working()
    {
        var suite = Load();
        foreach (var id in new[] { "HumanEval/32", "HumanEval/38", "HumanEval/50" })
        {
            Assert.True(suite.TryGet(id, out var task));
            var result = await sandbox.JudgeAsync(task.ReferenceProgram, task.Test, task.EntryPoint, task.Prompt);
            Assert.Equal(Verdict.Passed, result.Verdict);
        }
    }
}
