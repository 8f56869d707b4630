using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

/// <summary>Under ENAMEL's protocol every result row says how its task was measured (docs/results-schema.md):
/// <c>window</c> (split, or round-trip when no null-program run succeeded), <c>batched_cases</c>, and the
/// sample's <c>hidden_charged_s</c>, measured here by the real worker in the sandbox.</summary>
[Collection(SandboxTests.Name)]
public sealed class WindowRowsTests
{
    private const string Checker = "def __check(args, expected, output):\n    return output == expected\n";
    private const string Counting = "def generate_input(size, lid, cid):\n    return (size + cid,)\n";
    private const string Random = "import random\ndef generate_input(size, lid, cid):\n    return (random.randint(0, size),)\n";

    private const string Honest = SplitWindowTests.Honest;
    private const string Hider = SplitWindowTests.Hider;

    private const string Double = "def f(n):\n    return n * 2\n";

    private static CodeTask Task(string id, string generator, long size, int count, string reference) =>
        new(id, "", "", "", "f", new EfficiencySpec(generator, [new EfficiencyLevel(10, 2, 0), new EfficiencyLevel(size, count, 3)],
            Checker, [reference], true));

    private static Sample Sample(string task, int index, string program) => new("m", task, index, program, index + 1,
        new Dictionary<string, double>());

    private static RunInfo Run => new(DateTimeOffset.UnixEpoch, 1, "bubblewrap", "3.11", 10, "1", "cpu", "s");

    [Fact]
    public async Task Rows_show_the_split_window_the_batched_cases_and_the_hidden_work_charged()
    {
        var suite = new TaskSuite("window", "test", [Task("W/slow", Counting, 20000, 3, Honest), Task("W/micro", Random, 1000, 2, Double)]);
        List<Sample> samples = [Sample("W/slow", 0, Honest), Sample("W/slow", 1, Hider), Sample("W/micro", 0, Double)];
        await using var runner = SandboxLevels.Runner(SandboxLevels.Available[0]);
        var rows = await new EfficiencyEvaluator(runner).RunAsync(suite, samples,
            new EfficiencyOptions(ExecutionLimits.WithTimeout(10), Rounds: 3, Protocol: EfficiencyProtocol.Enamel), null, CancellationToken.None);

        Assert.All(rows, r => Assert.True(r.Passed, $"{r.TaskId} {r.Sample}: {r.Verdict} {r.Detail}"));
        var (honest, hider, micro) = (rows[0].Efficiency!, rows[1].Efficiency!, rows[2].Efficiency!);
        Assert.All([honest, hider, micro], e => Assert.Equal("split", e.Window));
        // Calls of milliseconds are timed one per window; calls of microseconds in batches (both cases of level 1).
        Assert.Equal((0, 0), (honest.BatchedCases, hider.BatchedCases));
        Assert.Equal(2, micro.BatchedCases);
        // The hider's loop ran before "decoded": charged as hidden work, about what the honest call costs. The honest
        // program is charged next to nothing, but not always 0: encoding the reply right after a call of ~30 ms costs
        // it ~50 us of CPU against the null program's ~10 us (read with a temporarily instrumented build), 15-80 us
        // beyond the margin per case here (docs/measurement.md, "Split window").
        Assert.True(honest.HiddenChargedSeconds <= 0.01 * honest.Cost, $"honest: hidden {honest.HiddenChargedSeconds} s of {honest.Cost} s");
        Assert.True(hider.HiddenChargedSeconds > 0.5 * honest.Cost, $"hidden {hider.HiddenChargedSeconds} s, honest cost {honest.Cost} s");
        Assert.NotNull(micro.HiddenChargedSeconds);

        // The results document carries them per row, and reads them back (not as cost fields).
        var report = Report.Build("window", Run, rows);
        var results = ResultsDocument.Build(report)["results"]!.AsArray();
        Assert.Equal(["split", "split", "split"], results.Select(r => r!["window"]!.GetValue<string>()));
        Assert.Equal([0, 0, 2], results.Select(r => r!["batched_cases"]!.GetValue<int>()));
        Assert.Equal(hider.HiddenChargedSeconds, results[1]!["hidden_charged_s"]!.GetValue<double>());
        Assert.Equal(honest.HiddenChargedSeconds, results[0]!["hidden_charged_s"]!.GetValue<double>());
        var back = ResultsDocumentReader.Read(ResultsDocument.Render(report), "doc").Rows;
        Assert.Equal(rows.Select(r => (r.Efficiency!.Window, r.Efficiency.BatchedCases, r.Efficiency.HiddenChargedSeconds)),
            back.Select(r => (r.Efficiency!.Window, r.Efficiency.BatchedCases, r.Efficiency.HiddenChargedSeconds)));
        Assert.All(back, r => Assert.Empty(r.Costs));

        // And the run says so on the console.
        var note = Assert.Single(SplitWindowNotes.Of(rows));
        Assert.Equal("window.hidden-work", note.Code);
        Assert.Contains("W/slow m sample 1", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extra_rounds_follow_while_the_budget_lasts_and_rows_say_how_many()
    {
        // A cheap task: 3 rounds, then more while the rounds after the first have taken under 1 s per program, 6 at most.
        var suite = new TaskSuite("rounds", "test", [Task("R/micro", Random, 1000, 2, Double)]);
        List<Sample> samples = [Sample("R/micro", 0, Double)];
        var protocol = EfficiencyProtocol.Enamel with { RoundBudgetSeconds = 1.0, MaxRounds = 6 };
        await using var runner = SandboxLevels.Runner(SandboxLevels.Available[0]);
        async Task<IReadOnlyList<ResultRow>> Judge(bool extra) => await new EfficiencyEvaluator(runner).RunAsync(suite, samples,
            new EfficiencyOptions(ExecutionLimits.WithTimeout(10), Rounds: 3, Protocol: protocol, ExtraRounds: extra), null,
            CancellationToken.None);

        Assert.Equal(3, Assert.Single(await Judge(false)).Efficiency!.Rounds);
        var rows = await Judge(true);
        var more = Assert.Single(rows).Efficiency!;
        Assert.True(rows[0].Passed, rows[0].Detail);
        Assert.InRange(more.Rounds!.Value, 4, 6);
        var report = Report.Build("rounds", Run, rows);
        Assert.Equal(more.Rounds, ResultsDocument.Build(report)["results"]![0]!["rounds"]!.GetValue<int>());
        Assert.Equal(more.Rounds, ResultsDocumentReader.Read(ResultsDocument.Render(report), "doc").Rows[0].Efficiency!.Rounds);
    }
}
