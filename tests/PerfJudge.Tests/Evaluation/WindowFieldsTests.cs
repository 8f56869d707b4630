using System.Text.Json.Nodes;
using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Evaluation;

/// <summary>The measurement fields of a split-window reply reach the rows under protocols that ask for a split
/// window only: other protocols' documents stay as they were (the worker says <c>window: round-trip</c> there too).</summary>
public sealed class WindowFieldsTests
{
    private sealed class OneReply(PerfReply reply) : IRunner
    {
        public RunnerInfo Info { get; } = new("fake", "fake 1.0", "h1", 1, "test machine");

        public Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply =>
            Task.FromResult((TReply)(RunReply)reply);

        public Task RecycleAsync(CancellationToken cancel) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static readonly string[] Fields = ["window", "batched_cases", "hidden_charged_s"];

    private static async Task<(IReadOnlyList<Results.ResultRow> Rows, JsonArray Document)> EvaluateAsync(EfficiencyProtocol protocol,
        string window, double? hidden)
    {
        static ProgramMeasurement Program(double? hidden) => new(Verdict.Passed, null, [0.001, 0.002, 0.004], null, 100, 0.1,
            HiddenChargedSeconds: hidden);
        var measurement = new TaskMeasurement([0, 1, 1], [0.01, 0.01], [Program(0)], [Program(hidden)], window, 0);
        var task = new CodeTask("T/1", "", "", "", "f", new EfficiencySpec("g", [new EfficiencyLevel(1, 1, 0), new EfficiencyLevel(2, 2, 3)],
            "c", ["r"], true));
        var rows = await new EfficiencyEvaluator(new OneReply(new PerfReply(Verdict.Passed, null, measurement)))
            .RunAsync(new TaskSuite("s", "test", [task]), [new Sample("m", "T/1", 0, "p", 1, new Dictionary<string, double>())],
                new EfficiencyOptions(ExecutionLimits.Default, Protocol: protocol), null, CancellationToken.None);
        var run = new RunInfo(DateTimeOffset.UnixEpoch, 1, "bubblewrap", "3.11", 10, "1", "cpu", "s");
        return (rows, ResultsDocument.Build(Report.Build("s", run, rows))["results"]!.AsArray());
    }

    [Fact]
    public async Task Perfjudges_protocol_writes_none_of_the_fields_and_no_note()
    {
        var (rows, document) = await EvaluateAsync(EfficiencyProtocol.PerfJudge, "round-trip", null);
        Assert.All(Fields, f => Assert.False(document[0]!.AsObject().ContainsKey(f), f));
        Assert.Empty(SplitWindowNotes.Of(rows));
    }

    [Fact]
    public async Task A_task_that_fell_back_to_the_round_trip_says_so_in_its_rows_and_a_note()
    {
        var (rows, document) = await EvaluateAsync(EfficiencyProtocol.Enamel, "round-trip", null);
        Assert.Equal("round-trip", document[0]!["window"]!.GetValue<string>());
        Assert.Equal(0, document[0]!["batched_cases"]!.GetValue<int>());
        Assert.False(document[0]!.AsObject().ContainsKey("hidden_charged_s")); // nothing was charged: the window was not split
        var note = Assert.Single(SplitWindowNotes.Of(rows));
        Assert.Equal((DiagnosticKind.Note, "window.round-trip"), (note.Kind, note.Code));
        Assert.Contains("1 of 1 task(s) fell back to the round-trip window", note.Message, StringComparison.Ordinal);
        Assert.Contains("T/1", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_split_window_without_hidden_work_makes_no_note()
    {
        var (rows, document) = await EvaluateAsync(EfficiencyProtocol.Enamel, "split", 0);
        Assert.Equal(("split", 0.0), (document[0]!["window"]!.GetValue<string>(), document[0]!["hidden_charged_s"]!.GetValue<double>()));
        Assert.Empty(SplitWindowNotes.Of(rows));
        var (charged, _) = await EvaluateAsync(EfficiencyProtocol.Enamel, "split", 0.0125);
        var message = Assert.Single(SplitWindowNotes.Of(charged)).Message;
        Assert.Contains("1 sample(s) of 1 task(s) were charged", message, StringComparison.Ordinal);
        // 0.0125 s against the scored cases' cost of 0.006 s.
        Assert.Contains("the most: 0.0125 s (T/1 m sample 0); the largest share of a cost: 208.3% (T/1 m sample 0)", message, StringComparison.Ordinal);
    }
}
