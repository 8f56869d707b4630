using PerfJudge.Audit;
using PerfJudge.Results;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Audit;

public class AuditPureTests
{
    [Fact]
    public void Clusters_split_where_a_cost_exceeds_its_group_start_by_the_gap()
    {
        Assert.Equal(1, CostAudits.Clusters([1.0, 1.02, 1.04], 0.05));
        Assert.Equal(2, CostAudits.Clusters([1.0, 1.04, 1.06], 0.05)); // 1.06 > 1.0 * 1.05
        Assert.Equal(4, CostAudits.Clusters([8.0, 1.0, 2.0, 4.0, 1.01], 0.05));
    }

    [Fact]
    public void Duplicates_ignore_white_space_and_the_function_name()
    {
        var solution = "    return sorted(set(xs), reverse=True)[:3]  # the largest three\n";
        var tasks = new List<CodeTask>
        {
            new("T/1", "def top(xs):\n    \"\"\"Three largest.\"\"\"\n", solution, "", "top"),
            new("T/2", "def best(xs):\n  \"\"\"Three   largest.\"\"\"\n", "  " + solution, "", "best"),
            new("T/3", "def other(xs):\n    \"\"\"Something else.\"\"\"\n", "    return xs\n", "", "other"),
        };
        var found = Duplicates.Find(tasks);
        Assert.Equal(["T/2 (same prompt)", "T/2 (same canonical solution)"], found["T/1"]);
        Assert.False(found.ContainsKey("T/3"));
    }

    [Fact]
    public void Summary_and_renderers_show_findings_with_evidence()
    {
        var weak = new TaskAudit("T/1", "passed", null, "passed", 2, [], 4, 3, 1, ["line 5: < -> <="],
            new CostAudit("plus #3", 30e-6, 31e-6, 0.2, null, null), []);
        var broken = new TaskAudit("T/2", "failed", "plus: input 4: expected 1, got 2", "passed", 0, ["canonical#0: passed, failed"], 0, 0, 0, [],
            null, ["T/3 (same prompt)"], new ExampleAudit(2, "failed", "1 of 2 prompt examples disagree: example 2 `f(1)`: expected 3, got 2"));
        var report = new AuditReport("s<x>", 3, [weak, broken], 1, 4, 5, null, "bubblewrap", 1);
        Assert.Equal(["T/2"], report.CanonicalFailing.Select(t => t.TaskId));
        Assert.Equal(0.75, report.MeanMutationScore);
        Assert.Equal(0.25, report.MeanMutationScoreBase);
        Assert.Equal(["T/1"], report.OverheadDominated.Select(t => t.TaskId));
        var md = AuditMarkdown.Render(report);
        Assert.Contains("| T/1 | 2 input(s) not tests", md, StringComparison.Ordinal);
        Assert.Contains("survivors: line 5: < -> <=", md, StringComparison.Ordinal);
        Assert.Contains("flaky canonical#0: passed, failed", md, StringComparison.Ordinal);
        Assert.Equal(["T/2"], report.ExamplesDisagree.Select(t => t.TaskId));
        Assert.Contains("| prompt examples the canonical solution does not reproduce (2 examples in 1 tasks) | 1: T/2 |", md, StringComparison.Ordinal);
        Assert.Contains("prompt examples (2): failed: 1 of 2 prompt examples disagree: example 2 `f(1)`: expected 3, got 2", md, StringComparison.Ordinal);
        Assert.Contains("&lt;x&gt;", AuditMarkdown.RenderHtml(report), StringComparison.Ordinal);
        var json = AuditDocument.Render(report);
        Assert.Contains("\"schema\": \"perfjudge.audit/1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mutation_score_base\": 0.25", json, StringComparison.Ordinal);
        Assert.Contains("\"prompt_examples_disagree\": [\n      \"T/2\"\n    ]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_pass_at_k_is_reported_beside_pass_at_k_on_evalplus_rows()
    {
        ResultRow Row(string task, int sample, string verdict, string baseVerdict) => new(task, "m", sample, 1, verdict, null, "none", 0, 0, false,
            null, new Dictionary<string, double>(), BaseVerdict: baseVerdict);
        var rows = new[] { Row("A", 0, "failed", "passed"), Row("A", 1, "passed", "passed"), Row("B", 0, "failed", "failed"), Row("B", 1, "failed", "passed") };
        var summary = SummaryBuilder.Build(rows, [1]).Single();
        Assert.Equal(0.25, summary.Metrics["pass@1"].Value);
        Assert.Equal(0.75, summary.Metrics["base_pass@1"].Value);
        var plain = SummaryBuilder.Build([rows[0] with { BaseVerdict = null }], [1]).Single();
        Assert.False(plain.Metrics.ContainsKey("base_pass@1"));
    }
}
