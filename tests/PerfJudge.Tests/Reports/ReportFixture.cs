using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Results;
using PerfJudge.Samples;

namespace PerfJudge.Tests.Reports;

/// <summary>A fixed, hand-made report: two models (one with a hostile name), three tasks (one with a
/// hostile id), efficiency figures, cost fields and program output that tries to inject markup.</summary>
public static class ReportFixture
{
    public const string HostileModel = "evil<script>alert(1)</script>|m,\"q\"";
    public const string HostileTask = "T/<script>x</script>";
    public const string HostileDetail = "AssertionError: <script>fetch('http://example.com')</script> & | * _ \"quoted\", comma\nsecond line";

    public static Report Build(bool efficiency = true)
    {
        var rows = new List<ResultRow>();
        var environment = new RowEnvironment("bubblewrap", "python 3.11.7", "Test CPU|2 cores|6.1");
        var line = 0;
        void Add(string model, string task, int index, Verdict verdict, string? detail, double? eff, double? speedup, double tokens)
        {
            var sample = new Sample(model, task, index, "def f(): pass", ++line,
                new Dictionary<string, double> { ["completion_tokens"] = tokens, ["usd"] = tokens * 1e-6 });
            var score = efficiency && eff is not null
                ? new RowEfficiency(eff.Value, speedup, eff.Value * 0.9, eff.Value * 0.8, 0.001 * line, verdict == Verdict.Passed ? null : 1, 1.25)
                : null;
            rows.Add(Rows.Of(sample, verdict, detail, 0.0125 * line, 10_000 + line, line % 3 == 0, score, environment,
                (20_000L + 100 * line) << 10, new Dictionary<string, string> { ["memory"] = "cgroup-v1", ["peak_memory"] = "cgroup-v1" }));
        }
        Add("alpha-7b", "T/0", 0, Verdict.Passed, null, 0.9, 1.8, 120);
        Add("alpha-7b", "T/0", 1, Verdict.Passed, null, 0.7, 0.9, 140);
        Add("alpha-7b", "T/1", 0, Verdict.Failed, "assertion failed", 0, null, 80);
        Add("alpha-7b", "T/1", 1, Verdict.Passed, null, 0.5, 0.5, 90);
        Add("alpha-7b", HostileTask, 0, Verdict.Timeout, "no answer within 3 s", 0, null, 300);
        Add("alpha-7b", HostileTask, 1, Verdict.Passed, null, 0.4, 1.1, 310);
        Add(HostileModel, "T/0", 0, Verdict.Passed, null, 1.0, 3.2, 400);
        Add(HostileModel, "T/0", 1, Verdict.Passed, null, 0.95, 2.5, 420);
        Add(HostileModel, "T/1", 0, Verdict.Passed, null, 0.8, 1.4, 380);
        Add(HostileModel, "T/1", 1, Verdict.Error, HostileDetail, 0, null, 390);
        Add(HostileModel, HostileTask, 0, Verdict.Passed, null, 0.6, 1.0, 500);
        Add(HostileModel, HostileTask, 1, Verdict.Passed, null, 0.65, 1.2, 520);
        var run = new RunInfo(new DateTimeOffset(2026, 11, 26, 4, 50, 0, TimeSpan.Zero), 12.5, "bubblewrap", "3.11.7", 3, "1.0.0.0",
            efficiency ? "cpu" : null, efficiency ? "s" : null, "Test CPU|2 cores|6.1", "20261126-045000-abcd", [1, 2]);
        return Report.Build(efficiency ? "fixture-eff" : "fixture", run, rows);
    }
}
