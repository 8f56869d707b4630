using System.Globalization;
using System.Text;
using PerfJudge.Reports;

namespace PerfJudge.Audit;

/// <summary>The audit as Markdown and as a self-contained HTML page: a summary table, then one row per task
/// that has a finding (tasks without findings are counted, not listed).</summary>
public static class AuditMarkdown
{
    /// <summary>The summary lines (label, value), shared by every renderer.</summary>
    public static IReadOnlyList<(string Label, string Value)> Summary(AuditReport r) =>
    [
        ("tasks audited", F($"{r.Tasks.Count} of {r.TasksInSuite}")),
        ("canonical solution fails its own tests", List(r.CanonicalFailing)),
        ("not judged (left out by the suite's protocol)", List(r.NotJudged)),
        (F($"prompt examples the canonical solution does not reproduce ({r.WithExamples.Sum(t => t.Examples!.Examples)} examples in {r.WithExamples.Count} tasks)"),
            List(r.ExamplesDisagree) + (r.ExamplesNotChecked.Count > 0 ? "; not checked (results no plain data): " + List(r.ExamplesNotChecked) : "")),
        (F($"flaky verdicts ({r.Reruns} reruns without the store)"), List(r.FlakyTasks)),
        (F($"tasks with surviving mutants (at most {r.MaxMutants} per task)"), List(r.WeakTasks)),
        ("mean mutation score", Score(r.MeanMutationScore) + (r.MeanMutationScoreBase is { } b ? $" (base tests alone {Score(b)})" : "")),
        ("cost measured (largest explicit input, or hardest generated level)", F($"{r.Measured} task(s), {r.Rounds} rounds")),
        ("reference cost not above 2x an empty call", List(r.OverheadDominated)),
        ("reference cost CoV > 5 %", List(r.Unstable)),
        ("duplicate tasks", List(r.DuplicateTasks)),
    ];

    /// <summary>Findings of one task as short phrases (empty: none).</summary>
    public static IReadOnlyList<string> Findings(TaskAudit t)
    {
        var list = new List<string>();
        if (t.Canonical == TaskAudit.NotJudged)
        {
            list.Add("not judged: the suite's protocol leaves it out");
        }
        else if (t.Canonical != "passed")
        {
            list.Add($"canonical {t.Canonical}: {t.CanonicalDetail}");
        }
        if (t.Examples is { Verdict: not "passed" } e)
        {
            list.Add(F($"prompt examples ({e.Examples}): {e.Verdict}: {e.Detail}"));
        }
        if (t.InputsNotTests > 0)
        {
            list.Add(F($"{t.InputsNotTests} input(s) not tests (contract rejects, or canonical raises)"));
        }
        list.AddRange(t.Flaky.Select(f => "flaky " + f));
        if (t.Survivors.Count > 0)
        {
            list.Add(F($"mutation score {Score(t.MutationScore)}{(t.MutationScoreBase is { } b ? $" (base {Score(b)})" : "")}; survivors: {string.Join("; ", t.Survivors)}"));
        }
        if (t.Cost is { } c)
        {
            if (c.Detail is not null)
            {
                list.Add("cost not measured: " + c.Detail);
            }
            else if (c.OverheadDominated || !c.Stable || c.Clusters is < 4)
            {
                list.Add(F($"cost on {c.Input}: {c.ReferenceSeconds * 1e6:F1} us vs empty call {c.EmptySeconds * 1e6:F1} us, CoV {c.Cov * 100:F1} %") +
                    (c.Clusters is { } k ? F($", {k} cluster(s)") : ""));
            }
            if (c.Levels is { } levels && levels.Any(l => l.ReferenceSeconds <= 2 * c.EmptySeconds || l.Cov > 0.05 || l.Clusters < 4 || l.P99Cov > 0.05))
            {
                list.Add("levels: " + string.Join("; ", levels.Select(l =>
                    F($"{l.Level}: {l.ReferenceSeconds * 1e6:F1} us/case, CoV {l.Cov * 100:F1} %") +
                    (l.Clusters is { } k ? F($", {k} cluster(s), P99 CoV {l.P99Cov * 100:F1} %") : ""))));
            }
        }
        list.AddRange(t.Duplicates.Select(d => "duplicates " + d));
        return list;
    }

    /// <summary>The Markdown text.</summary>
    public static string Render(AuditReport r)
    {
        var sb = new StringBuilder();
        sb.Append(F($"# Audit of {r.Suite}\n\nisolation {r.Isolation}; {r.Seconds:F0} s; samples: {r.Samples ?? "none"}\n\n| check | finding |\n|---|---|\n"));
        foreach (var (label, value) in Summary(r))
        {
            sb.Append("| ").Append(Cell(label)).Append(" | ").Append(Cell(value)).Append(" |\n");
        }
        sb.Append("\n## Tasks with findings\n\n| task | findings |\n|---|---|\n");
        foreach (var t in r.Tasks)
        {
            if (Findings(t) is { Count: > 0 } findings)
            {
                sb.Append("| ").Append(Cell(t.TaskId)).Append(" | ").Append(string.Join("<br>", findings.Select(Cell))).Append(" |\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>The HTML page (everything from the data set or a candidate escaped).</summary>
    public static string RenderHtml(AuditReport r)
    {
        var sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
        sb.Append(HtmlText.Escape("Audit of " + r.Suite)).Append("</title><style>body{font-family:sans-serif}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}table{border-collapse:collapse}</style></head><body>\n<h1>")
            .Append(HtmlText.Escape("Audit of " + r.Suite)).Append("</h1>\n<table>\n");
        foreach (var (label, value) in Summary(r))
        {
            sb.Append("<tr><th>").Append(HtmlText.Escape(label)).Append("</th><td>").Append(HtmlText.Escape(value)).Append("</td></tr>\n");
        }
        sb.Append("</table>\n<h2>Tasks with findings</h2>\n<table>\n<tr><th>task</th><th>findings</th></tr>\n");
        foreach (var t in r.Tasks)
        {
            if (Findings(t) is { Count: > 0 } findings)
            {
                sb.Append("<tr><td>").Append(HtmlText.Escape(t.TaskId)).Append("</td><td>")
                    .Append(string.Join("<br>", findings.Select(HtmlText.Escape))).Append("</td></tr>\n");
            }
        }
        return sb.Append("</table>\n</body></html>\n").ToString();
    }

    private static string List(IReadOnlyList<TaskAudit> tasks) => tasks.Count == 0 ? "none"
        : F($"{tasks.Count}: ") + string.Join(", ", tasks.Take(30).Select(t => t.TaskId)) + (tasks.Count > 30 ? ", ..." : "");

    private static string Score(double? v) => v is null ? "n/a" : v.Value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
