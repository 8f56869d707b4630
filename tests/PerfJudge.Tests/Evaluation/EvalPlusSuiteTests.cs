using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

[Collection(SandboxTests.Name)]
public class EvalPlusSuiteTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static TaskSuite HumanEvalPlus() => EvalPlusLoader.Load(TestData.Require("evalplus", "HumanEvalPlus.jsonl.gz"), "humaneval+");

    private static TaskSuite MbppPlus() => EvalPlusLoader.Load(TestData.Require("evalplus", "MbppPlus.jsonl.gz"), "mbpp+");

    [DataFact("evalplus", "MbppPlus.jsonl.gz")]
    public void Loads_both_data_sets_with_their_inputs()
    {
        var he = HumanEvalPlus();
        var mbpp = MbppPlus();
        Assert.Equal(164, he.Tasks.Count);
        Assert.Equal(378, mbpp.Tasks.Count);
        Assert.All(he.Tasks, t => Assert.Equal("humaneval", t.EvalPlus!.Dataset));
        Assert.All(mbpp.Tasks, t => Assert.Equal("mbpp", t.EvalPlus!.Dataset));
        Assert.True(mbpp.TryGet("Mbpp/793", out var empty));
        Assert.Equal(empty.EvalPlus!.BaseInputs, empty.EvalPlus.PlusInputs); // {} upstream: the plus run uses the base inputs
        Assert.True(mbpp.TryGet("Mbpp/404", out var infinite));
        Assert.Contains("-Infinity", infinite.EvalPlus!.PlusInputs, StringComparison.Ordinal);
        Assert.DoesNotContain("@@perfjudge", infinite.EvalPlus.PlusInputs, StringComparison.Ordinal);
        Assert.Equal(1e-4, he.Tasks.Single(t => t.TaskId == "HumanEval/32").EvalPlus!.Atol);
    }

    [Fact]
    public void A_bad_line_is_reported_with_file_line_and_field()
    {
        var path = Path.Combine(TestData.TempDir(), "bad.jsonl");
        File.WriteAllText(path, """
            {"task_id":"Mbpp/1","prompt":"","entry_point":"f","canonical_solution":"def f(x): return x","contract":"","base_input":[[1]],"plus_input":[[2]],"atol":0}
            {"task_id":"Mbpp/2","prompt":"","entry_point":"f","canonical_solution":"def f(x): return x","contract":"","base_input":5,"plus_input":[],"atol":0}
            """);
        var error = Assert.Throws<SuiteFormatException>(() => EvalPlusLoader.Load(path));
        Assert.Contains("bad.jsonl:2: field 'base_input'", error.Message, StringComparison.Ordinal);
        Assert.True(EvalPlusLoader.Recognizes(path));
    }

    [DataFact("evalplus", "MbppPlus.jsonl.gz")]
    public async Task Canonical_solutions_pass_and_special_rules_hold()
    {
        // find_zero (oracle, contract rejects float inputs), atol, set equality with tuple inputs,
        // "not None" outputs (match objects), Counter outputs.
        var he = HumanEvalPlus();
        var mbpp = MbppPlus();
        foreach (var (suite, ids) in new[] { (he, new[] { "HumanEval/2", "HumanEval/32" }), (mbpp, ["Mbpp/2", "Mbpp/737", "Mbpp/88"]) })
        {
            var samples = ids.Select((id, i) => suite.TryGet(id, out var t)
                ? new Sample("canonical", id, 0, t.ReferenceProgram, i + 1, new Dictionary<string, double>())
                : throw new InvalidOperationException(id)).ToList();
            var diagnostics = new List<Diagnostic>();
            var rows = await new EvalPlusEvaluator(sandbox.Runner).RunAsync(suite, samples, ExecutionLimits.WithTimeout(20), diagnostics, null,
                CancellationToken.None);
            Assert.All(rows, r => Assert.True(r.Passed && r.BaseVerdict == "passed", $"{r.TaskId}: {r.Verdict} {r.Detail}"));
            if (suite == he)
            {
                Assert.Contains(diagnostics, d => d.Message.StartsWith("HumanEval/32: 62 input(s) rejected by the contract", StringComparison.Ordinal));
            }
        }
    }

    [DataFact("evalplus", "HumanEvalPlus.jsonl.gz")]
    public async Task Base_and_plus_are_judged_apart()
    {
        var suite = HumanEvalPlus();
        suite.TryGet("HumanEval/0", out var task);
        // Right on the short base lists, raises on the longer plus ones; and plainly wrong.
        var shortOnly = CodeTask.JoinProgram(task.Prompt, "    if len(numbers) > 6:\n        raise ValueError('long')\n" + task.CanonicalSolution);
        var wrong = CodeTask.JoinProgram(task.Prompt, "    return True\n");
        var samples = new[] { shortOnly, wrong }.Select((p, i) => new Sample("m", "HumanEval/0", i, p, i + 1, new Dictionary<string, double>())).ToList();
        var rows = await new EvalPlusEvaluator(sandbox.Runner).RunAsync(suite, samples, ExecutionLimits.WithTimeout(20), [], null,
            CancellationToken.None);
        Assert.Equal(("error", "passed"), (rows[0].Verdict, rows[0].BaseVerdict));
        Assert.StartsWith("plus: input", rows[0].Detail, StringComparison.Ordinal);
        Assert.Equal(("failed", "failed"), (rows[1].Verdict, rows[1].BaseVerdict));
    }
}
