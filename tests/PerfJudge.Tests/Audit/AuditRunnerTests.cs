using System.Collections.Concurrent;
using PerfJudge.Audit;
using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Audit;

/// <summary>The audit's phases with a scripted runner: which requests reach the sandbox, and that the
/// shortcuts (plus inputs only after the base inputs passed, expected outputs once) keep the findings.</summary>
public class AuditRunnerTests
{
    private const string Base = "[[1], [2]]";
    private const string Plus = "[[3], [4], [5]]";

    // Mutant programs say how they behave: "BASEFAIL" fails the base inputs, "PLUSFAIL" the plus inputs,
    // "TIMEOUT" runs out of time on whatever it gets; any other program passes.
    private static readonly Mutant[] Mutants =
    [
        new(1, "+ -> -", "def f(x): return x  # BASEFAIL"),
        new(2, "< -> <=", "def f(x): return x  # PLUSFAIL"),
        new(3, "1 -> 2", "def f(x): return x  # survives"),
        new(4, "not removed", "def f(x): return x  # TIMEOUT"),
    ];

    private static TaskSuite Suite() => new("s", "test", [new CodeTask("T/1", "def f(x):\n", "    return x\n", "", "f",
        EvalPlus: new EvalPlusSpec("humaneval", Base, Plus, 0, "", 2, 3))]);

    [Fact]
    public async Task Mutants_failing_the_base_inputs_never_run_the_plus_inputs_and_the_findings_stay_the_same()
    {
        var runner = new ScriptedRunner();
        var audit = (await new AuditRunner(runner, runner, ExecutionLimits.WithTimeout(3), null)
            .RunAsync(Suite(), Suite().Tasks, [], 0, 10, 0, CancellationToken.None)).Single();

        var plusRuns = runner.Judged.Where(j => j.Inputs == Plus).Select(j => j.Program).ToList();
        Assert.DoesNotContain(plusRuns, p => p.Contains("BASEFAIL", StringComparison.Ordinal) || p.Contains("TIMEOUT", StringComparison.Ordinal));
        Assert.Equal(3, plusRuns.Count); // the canonical solution, PLUSFAIL and the survivor
        Assert.Equal((4, 3, 2), (audit.Mutants, audit.Killed, audit.KilledBase));
        Assert.Equal(["line 3: 1 -> 2"], audit.Survivors);

        // The same mutants judged on both input sets, as eval judges samples: the same verdicts.
        var samples = Mutants.Select((m, j) => new Sample("mutant", "T/1", j, m.Program, j + 1, new Dictionary<string, double>())).ToList();
        var full = await new EvalPlusEvaluator(new ScriptedRunner()).RunAsync(Suite(), samples, ExecutionLimits.WithTimeout(3), [], null, CancellationToken.None);
        var early = await new EvalPlusEvaluator(new ScriptedRunner(), plusAfterBase: true).RunAsync(Suite(), samples, ExecutionLimits.WithTimeout(3), [],
            null, CancellationToken.None);
        Assert.Equal(full.Select(r => (r.Verdict, r.BaseVerdict, r.Detail)), early.Select(r => (r.Verdict, r.BaseVerdict, r.Detail)));
        Assert.Equal(["failed", "failed", "passed", "timeout"], early.Select(r => r.Verdict));
    }

    [Fact]
    public async Task Reruns_reuse_the_expected_outputs_and_still_see_a_verdict_that_changes()
    {
        var cached = new ScriptedRunner();
        var fresh = new ScriptedRunner { CanonicalFails = true }; // the canonical solution fails when rerun
        var audit = (await new AuditRunner(cached, fresh, ExecutionLimits.WithTimeout(3), null)
            .RunAsync(Suite(), Suite().Tasks, [], 2, 10, 0, CancellationToken.None)).Single();

        Assert.Equal(1, cached.ExpectedRuns); // once, for every phase
        Assert.Equal(0, fresh.ExpectedRuns);
        Assert.Equal(["canonical#0: passed, failed, failed"], audit.Flaky);
        Assert.Equal(2, fresh.Judged.Count(j => j.Inputs == Base)); // the reruns judged the canonical solution again
    }

    /// <summary>Answers expected outputs, mutants and EvalPlus test runs by the programs' markers.</summary>
    private sealed class ScriptedRunner : IRunner
    {
        private int _expectedRuns;

        public bool CanonicalFails { get; init; }

        public ConcurrentBag<EvalPlusRequest> Judged { get; } = [];

        public int ExpectedRuns => _expectedRuns;

        public RunnerInfo Info { get; } = new("fake", "fake 1.0", "h1", 3, "test machine");

        public Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
        {
            RunReply reply = request switch
            {
                ExpectedRequest => Expected(),
                MutantsRequest => new MutantsReply(Verdict.Passed, null, Mutants),
                EvalPlusRequest test => Judge(test),
                _ => throw new ArgumentException(request.GetType().Name, nameof(request)),
            };
            return Task.FromResult((TReply)reply);
        }

        private ExpectedReply Expected()
        {
            Interlocked.Increment(ref _expectedRuns);
            return new ExpectedReply(Verdict.Passed, null, ["ok", "ok"], ["ok", "ok", "ok"], "[[1], [2]]", "[[3], [4], [5]]", 0.01, 0.02);
        }

        private TestReply Judge(EvalPlusRequest test)
        {
            Judged.Add(test);
            var part = test.Inputs == Base ? "BASEFAIL" : "PLUSFAIL";
            if (test.Program.Contains("TIMEOUT", StringComparison.Ordinal))
            {
                return new TestReply(Verdict.Timeout, "time limit", 3, 1000, 3);
            }
            var canonicalFails = CanonicalFails && !test.Program.Contains('#', StringComparison.Ordinal);
            return test.Program.Contains(part, StringComparison.Ordinal) || canonicalFails
                ? new TestReply(Verdict.Failed, "input 0: expected 1, got 2", 0.01, 1000, 0.01)
                : new TestReply(Verdict.Passed, null, 0.01, 1000, 0.01);
        }

        public Task RecycleAsync(CancellationToken cancel) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
