using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Correctness on EvalPlus suites (HumanEval+, MBPP+): expected outputs first (one request per
/// task, replayed from the store; the outputs stay in the workers, the engine sees their digests), then two
/// requests per distinct (task, program), base inputs and plus inputs. A row's verdict is base-and-plus (EvalPlus's "base + extra tests"); its
/// <see cref="ResultRow.BaseVerdict"/> is the base tests' alone.</summary>
public sealed class EvalPlusEvaluator
{
    private readonly IRunner _runner;
    private readonly bool _plusAfterBase;

    /// <summary>Creates an evaluator. With <paramref name="plusAfterBase"/>, a program's plus inputs run only
    /// when its base inputs passed (the audit's mutants: one failing input decides the verdict, and the base
    /// set is ~80x smaller); its rows then lack the plus run's cost when the base run failed.</summary>
    public EvalPlusEvaluator(IRunner runner, bool plusAfterBase = false)
    {
        _runner = runner;
        _plusAfterBase = plusAfterBase;
    }

    /// <summary>Judges every sample, in sample order; identical requests run once. Tasks whose expected
    /// outputs could not be computed, or that lost inputs, are named in <paramref name="diagnostics"/>.</summary>
    public async Task<IReadOnlyList<ResultRow>> RunAsync(TaskSuite suite, IReadOnlyList<Sample> samples, ExecutionLimits limits,
        ICollection<Diagnostic> diagnostics, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var tasks = samples.Select(s => s.TaskId).Distinct(StringComparer.Ordinal)
            .Select(id => suite.TryGet(id, out var t) ? t : throw new ArgumentException($"unknown task {id}", nameof(samples))).ToList();
        var expected = await ExpectedOutputs.ComputeAsync(_runner, tasks, limits, progress, cancel);
        Describe(tasks, expected, diagnostics);
        var pairs = new (EvalPlusRequest Base, EvalPlusRequest Plus)?[samples.Count];
        var distinct = new Dictionary<EvalPlusRequest, int>();
        for (var i = 0; i < samples.Count; i++)
        {
            suite.TryGet(samples[i].TaskId, out var task);
            var reply = expected[task.TaskId];
            if (reply.Verdict != Verdict.Passed)
            {
                continue;
            }
            var spec = task.EvalPlus!;
            var pair = (Make(samples[i], task, spec.BaseInputs, reply.BaseDigest, reply.BaseSeconds, limits),
                Make(samples[i], task, spec.PlusInputs, reply.PlusDigest, reply.PlusSeconds, limits));
            pairs[i] = pair;
            distinct.TryAdd(pair.Item1, distinct.Count);
            distinct.TryAdd(pair.Item2, distinct.Count);
        }
        var replies = new TestReply?[distinct.Count];
        var bases = pairs.Where(p => p is not null).Select(p => p!.Value.Base).ToHashSet();
        await RunAllAsync(distinct.Where(d => !_plusAfterBase || bases.Contains(d.Key)).ToList(), replies, progress, cancel);
        if (_plusAfterBase)
        {
            var plus = pairs.Where(p => p is { } q && replies[distinct[q.Base]]!.Verdict == Verdict.Passed).Select(p => p!.Value.Plus).ToHashSet();
            await RunAllAsync(distinct.Where(d => plus.Contains(d.Key) && replies[d.Value] is null).ToList(), replies, progress, cancel);
        }
        var environment = RowEnvironment.Of(_runner.Info);
        return samples.Select((s, i) =>
        {
            if (pairs[i] is not { } pair)
            {
                return Rows.Of(s, Verdict.SandboxError, "expected outputs could not be computed: " + expected[s.TaskId].Detail,
                    0, 0, false, null, environment);
            }
            var b = replies[distinct[pair.Base]]!;
            var plus = replies[distinct[pair.Plus]]; // null only when the base run failed and plus was skipped
            var p = plus ?? b;
            var decisive = b.Verdict != Verdict.Passed ? b : p;
            var detail = decisive.Detail is null ? null : (ReferenceEquals(decisive, b) ? "base: " : "plus: ") + decisive.Detail;
            return Rows.Of(s, decisive.Verdict, detail, b.CpuSeconds + (plus?.CpuSeconds ?? 0), Math.Max(b.MaxRssKb, p.MaxRssKb),
                b.FromStore && p.FromStore, null, environment, Max(b.PeakMemoryBytes, p.PeakMemoryBytes), decisive.Controls)
                with { BaseVerdict = b.Verdict.Name() };
        }).ToList();
    }

    private async Task RunAllAsync(List<KeyValuePair<EvalPlusRequest, int>> requests, TestReply?[] replies,
        IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var done = 0;
        var cached = 0;
        progress?.Report(new JobProgress(0, requests.Count, 0, "test runs"));
        var options = new ParallelOptions { MaxDegreeOfParallelism = _runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(requests, options, async (item, token) =>
        {
            var reply = await _runner.RunAsync(item.Key, token);
            replies[item.Value] = reply;
            if (reply.FromStore)
            {
                Interlocked.Increment(ref cached);
            }
            progress?.Report(new JobProgress(Interlocked.Increment(ref done), requests.Count, Volatile.Read(ref cached), "test runs"));
        });
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static EvalPlusRequest Make(Sample sample, CodeTask task, string inputs, string digest, double seconds, ExecutionLimits limits) =>
        new(task.TaskId, task.EvalPlus!.Dataset, sample.Program, task.EntryPoint, inputs, digest, ExpectedOutputs.Reference(task, limits),
            task.EvalPlus.Atol, ExpectedOutputs.SampleLimits(limits, seconds));

    private static void Describe(IReadOnlyList<CodeTask> tasks, Dictionary<string, ExpectedReply> expected, ICollection<Diagnostic> diagnostics)
    {
        foreach (var task in tasks)
        {
            var reply = expected[task.TaskId];
            if (reply.Verdict != Verdict.Passed)
            {
                diagnostics.Add(Diagnostic.Warning("expected-outputs",
                    $"{task.TaskId}: the canonical solution could not be run on the inputs ({reply.Verdict.Name()}: {reply.Detail}); its samples are not judged"));
                continue;
            }
            var statuses = reply.BaseStatus.Concat(reply.PlusStatus).ToList();
            var rejected = statuses.Count(s => s == "rejected");
            var raised = statuses.Count(s => s.StartsWith("raised", StringComparison.Ordinal));
            if (rejected + raised > 0)
            {
                diagnostics.Add(Diagnostic.Note("expected-outputs", string.Create(CultureInfo.InvariantCulture,
                    $"{task.TaskId}: {rejected} input(s) rejected by the contract and {raised} on which the canonical solution raises are not tests")));
            }
            foreach (var beyond in statuses.Where(s => s.StartsWith("unjudgeable", StringComparison.Ordinal)))
            {
                diagnostics.Add(Diagnostic.Warning("expected-outputs",
                    $"{task.TaskId}: an input is no test: the canonical solution cannot answer it within a sample's limits ({beyond})"));
            }
        }
    }
}
