using System.Collections.Concurrent;
using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

[Collection(SandboxTests.Name)]
public class EvalPlusSuiteTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    /// <summary>Passes requests on, keeping the EvalPlus ones with the length of their wire form; when
    /// <paramref name="recycle"/>, every worker is replaced before each of them, so no checker holds
    /// any expected outputs and each must compute them again.</summary>
    private sealed class Recording(IRunner inner, bool recycle = false) : IRunner
    {
        public ConcurrentBag<(EvalPlusRequest Request, int WireChars)> Judged { get; } = [];

        public RunnerInfo Info => inner.Info;

        public async Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
        {
            if (request is EvalPlusRequest e)
            {
                Judged.Add((e, PythonWire.Encode(e).ToJsonString().Length));
                if (recycle)
                {
                    await inner.RecycleAsync(cancel);
                }
            }
            return await inner.RunAsync(request, cancel);
        }

        public Task RecycleAsync(CancellationToken cancel) => inner.RecycleAsync(cancel);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static List<Sample> Samples(TaskSuite suite, params (string TaskId, string? Completion)[] items) =>
        items.Select((x, i) => suite.TryGet(x.TaskId, out var t)
            ? new Sample("m", x.TaskId, i, x.Completion is null ? t.ReferenceProgram : CodeTask.JoinProgram(t.Prompt, x.Completion), i + 1,
                new Dictionary<string, double>())
            : throw new InvalidOperationException(x.TaskId)).ToList();

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

    [DataFact("evalplus", "HumanEvalPlus.jsonl.gz")]
    public async Task Large_expected_outputs_stay_in_the_worker_and_requests_name_them_by_digest()
    {
        // HumanEval/130's plus outputs are 114 MB of JSON; before, every request of the task carried them.
        var suite = HumanEvalPlus();
        var runner = new Recording(sandbox.Runner);
        var samples = Samples(suite, ("HumanEval/130", null), ("HumanEval/130", "    return [1] * (n + 1)\n"));
        var rows = await new EvalPlusEvaluator(runner).RunAsync(suite, samples, ExecutionLimits.WithTimeout(60), [], null, CancellationToken.None);
        Assert.Equal(("passed", "passed"), (rows[0].Verdict, rows[0].BaseVerdict));
        Assert.Equal(("failed", "failed"), (rows[1].Verdict, rows[1].BaseVerdict));
        Assert.Equal(4, runner.Judged.Count);
        Assert.All(runner.Judged, j =>
        {
            Assert.Matches("^[0-9a-f]{64}$", j.Request.ExpectedDigest);
            Assert.True(j.WireChars < 100_000, $"a request of {j.WireChars} characters");
        });
        Assert.Equal(2, runner.Judged.Select(j => j.Request.ExpectedDigest).Distinct().Count()); // base and plus
    }

    [DataFact("evalplus", "HumanEvalPlus.jsonl.gz")]
    public async Task A_worker_that_lacks_the_outputs_computes_them_again_and_the_verdicts_are_the_same()
    {
        var suite = HumanEvalPlus();
        var samples = Samples(suite, ("HumanEval/0", null), ("HumanEval/0", "    return False\n"), ("HumanEval/2", null),
            ("HumanEval/2", "    return number % 1.0 + 1e-3\n"), ("HumanEval/32", null));
        var limits = ExecutionLimits.WithTimeout(20);
        var held = await new EvalPlusEvaluator(new Recording(sandbox.Runner)).RunAsync(suite, samples, limits, [], null, CancellationToken.None);
        var recycling = new Recording(sandbox.Runner, recycle: true);
        var again = await new EvalPlusEvaluator(recycling).RunAsync(suite, samples, limits, [], null, CancellationToken.None);
        Assert.Equal(["passed", "failed", "passed", "failed", "passed"], held.Select(r => r.Verdict));
        Assert.Equal(held.Select(r => (r.Verdict, r.BaseVerdict)), again.Select(r => (r.Verdict, r.BaseVerdict)));
        Assert.Equal(10, recycling.Judged.Count);
    }

    [Fact]
    public async Task Outputs_that_differ_when_computed_again_are_no_verdict()
    {
        // A canonical solution whose outputs change run to run: a worker that computes them again
        // must not judge against outputs of another digest than the request names.
        var path = Path.Combine(TestData.TempDir(), "clock.jsonl");
        File.WriteAllText(path, """
            {"task_id":"Clock/0","prompt":"import time\n\ndef f(x):\n","entry_point":"f","canonical_solution":"    return time.time_ns() + x\n","contract":"","base_input":[[1]],"plus_input":[[2]],"atol":0}
            """);
        var suite = EvalPlusLoader.Load(path, "clock");
        var samples = Samples(suite, ("Clock/0", null));
        var rows = await new EvalPlusEvaluator(new Recording(sandbox.Runner, recycle: true)).RunAsync(suite, samples,
            ExecutionLimits.WithTimeout(20), [], null, CancellationToken.None);
        Assert.Equal("sandbox_error", rows[0].Verdict);
        Assert.Contains("not deterministic", rows[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_whose_answer_no_process_can_send_is_no_test()
    {
        // The canonical answer to plus input 1 is a 70 MB string: its reply exceeds the 64 MiB a reply
        // may take (as Mbpp/255's 932 MB on its plus input 85), so no sample could answer it either.
        var path = Path.Combine(TestData.TempDir(), "big.jsonl");
        File.WriteAllText(path, """
            {"task_id":"Big/0","prompt":"def f(x):\n","entry_point":"f","canonical_solution":"    return 'a' * x\n","contract":"","base_input":[[1]],"plus_input":[[2],[70000000],[3]],"atol":0}
            """);
        var suite = EvalPlusLoader.Load(path, "big");
        var samples = Samples(suite, ("Big/0", null), ("Big/0", "    return 'a' * min(x, 2)\n"));
        var diagnostics = new List<Diagnostic>();
        var rows = await new EvalPlusEvaluator(sandbox.Runner).RunAsync(suite, samples, ExecutionLimits.WithTimeout(30), diagnostics, null,
            CancellationToken.None);
        Assert.Equal(("passed", "passed"), (rows[0].Verdict, rows[0].BaseVerdict));
        Assert.Equal(("failed", "passed"), (rows[1].Verdict, rows[1].BaseVerdict)); // input 2 (x = 3) is still a test
        var warning = Assert.Single(diagnostics, d => d.Message.Contains("is no test", StringComparison.Ordinal));
        Assert.Contains("plus input 1: its reply is larger than the 64 MiB", warning.Message, StringComparison.Ordinal);
    }
}
