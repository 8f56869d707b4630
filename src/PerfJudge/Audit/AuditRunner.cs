using System.Globalization;
using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Audit;

/// <summary>The audit's checks, in phases over all audited tasks at once (so the runner's workers stay
/// busy): the canonical solution (and given samples) on the task's tests; the prompt's examples against the
/// canonical solution; reruns without the store for flaky verdicts; mutants of the canonical solution for weak tests; cost measurements on the largest
/// explicit input; duplicates.</summary>
/// <param name="Runner">Runner with the store (replays what is deterministic: tests, expected outputs, mutants).</param>
/// <param name="Fresh">Runner without the store, for reruns.</param>
/// <param name="Limits">Per-sample limits.</param>
/// <param name="Progress">Progress sink.</param>
public sealed record AuditRunner(IRunner Runner, IRunner Fresh, ExecutionLimits Limits, IProgress<JobProgress>? Progress)
{
    /// <summary>Audits <paramref name="tasks"/> of <paramref name="suite"/>.</summary>
    public async Task<List<TaskAudit>> RunAsync(TaskSuite suite, IReadOnlyList<CodeTask> tasks, IReadOnlyList<Sample> userSamples,
        int reruns, int maxMutants, int rounds, CancellationToken cancel)
    {
        // One computation of the expected outputs for every phase, the reruns included (ExpectedOnce).
        var runner = new ExpectedOnce(Runner);
        var fresh = runner.Sharing(Fresh);
        var canonical = tasks.Select((t, i) => new Sample("canonical", t.TaskId, 0, t.ReferenceProgram, i + 1, new Dictionary<string, double>())).ToList();
        var judged = canonical.Concat(userSamples).ToList();
        var first = Index(await SuiteJudge.JudgeAsync(runner, suite, judged, Limits, false, Progress, cancel));
        var examples = await PromptExamples.CheckAsync(Runner, tasks, Limits, Progress, cancel);
        var history = first.ToDictionary(p => p.Key, p => new List<string> { p.Value.Verdict });
        for (var r = 0; r < reruns; r++)
        {
            foreach (var (key, row) in Index(await SuiteJudge.JudgeAsync(fresh, suite, judged, Limits, false, Progress, cancel)))
            {
                if (history.TryGetValue(key, out var list))
                {
                    list.Add(row.Verdict);
                }
            }
        }
        var mutants = await MutantsAsync(tasks, maxMutants, cancel);
        var mutantSamples = mutants.SelectMany(m => m.Value.Select((x, j) => new Sample("mutant", m.Key, j, x.Program, j + 1,
            new Dictionary<string, double>()))).ToList();
        // A mutant is killed by one failing input: its plus inputs run only when the base inputs passed.
        var mutantRows = Index(await SuiteJudge.JudgeAsync(runner, suite, mutantSamples, Limits, true, Progress, cancel));
        var expected = suite.Tasks.Any(t => t.EvalPlus is not null)
            ? await ExpectedOutputs.ComputeAsync(runner, tasks, Limits, Progress, cancel)
            : [];
        var costs = await CostAudits.MeasureAsync(Runner, tasks, userSamples, first, rounds, Limits, Progress, cancel);
        var passing = userSamples.Where(s => first.GetValueOrDefault((s.TaskId, s.Model, s.Index))?.Passed == true).ToList();
        foreach (var (task, audit) in await LevelCostAudits.MeasureAsync(fresh, runner, suite, tasks, passing, rounds, Limits, Progress, cancel))
        {
            costs[task] = audit;
        }
        var duplicates = Duplicates.Find(suite.Tasks);
        return tasks.Select(t =>
        {
            first.TryGetValue((t.TaskId, "canonical", 0), out var row);
            var flaky = history.Where(h => h.Key.Task == t.TaskId && h.Value.Distinct(StringComparer.Ordinal).Count() > 1)
                .Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Key.Model}#{h.Key.Sample}: {string.Join(", ", h.Value)}")).ToList();
            var ms = mutants.GetValueOrDefault(t.TaskId) ?? [];
            var mrows = ms.Select((_, j) => mutantRows.GetValueOrDefault((t.TaskId, "mutant", j))).ToList();
            var judgedMutants = mrows.Count(r => r is not null && r.Verdict != "sandbox_error");
            var killed = mrows.Count(r => r is not null && r.Verdict is not ("passed" or "sandbox_error"));
            int? killedBase = t.EvalPlus is null ? null : mrows.Count(r => r?.BaseVerdict is { } b && b is not ("passed" or "sandbox_error"));
            var survivors = ms.Where((_, j) => mrows[j]?.Verdict == "passed")
                .Select(m => string.Create(CultureInfo.InvariantCulture, $"line {m.Line}: {m.Mutation}")).ToList();
            var notTests = expected.TryGetValue(t.TaskId, out var e) ? e.BaseStatus.Concat(e.PlusStatus).Count(s => s != "ok") : 0;
            return new TaskAudit(t.TaskId, row?.Verdict ?? TaskAudit.NotJudged, row?.Detail, row?.BaseVerdict, notTests, flaky,
                judgedMutants, killed, killedBase, survivors, costs.GetValueOrDefault(t.TaskId), duplicates.GetValueOrDefault(t.TaskId) ?? [], examples.GetValueOrDefault(t.TaskId));
        }).ToList();
    }

    private static Dictionary<(string Task, string Model, int Sample), ResultRow> Index(IReadOnlyList<ResultRow> rows) =>
        rows.GroupBy(r => (r.TaskId, r.Model, r.Sample)).ToDictionary(g => g.Key, g => g.First());

    private async Task<Dictionary<string, IReadOnlyList<Mutant>>> MutantsAsync(IReadOnlyList<CodeTask> tasks, int max, CancellationToken cancel)
    {
        var result = new Dictionary<string, IReadOnlyList<Mutant>>(StringComparer.Ordinal);
        if (max == 0)
        {
            return result;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(tasks, options, async (task, token) =>
        {
            var reply = await Runner.RunAsync(new MutantsRequest(task.ReferenceProgram, task.EntryPoint, max, Limits), token);
            lock (result)
            {
                result[task.TaskId] = reply.Mutants;
            }
        });
        return result;
    }
}
