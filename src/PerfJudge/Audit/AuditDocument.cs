using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfJudge.Audit;

/// <summary>The audit as JSON (<c>perfjudge.audit/1</c>): the summary, then every task with its evidence.</summary>
public static class AuditDocument
{
    /// <summary>Schema name.</summary>
    public const string Schema = "perfjudge.audit/1";

    /// <summary>The document's text.</summary>
    public static string Render(AuditReport report)
    {
        var summary = new JsonObject
        {
            ["tasks_audited"] = report.Tasks.Count,
            ["canonical_failing"] = Ids(report.CanonicalFailing),
            ["not_judged"] = Ids(report.NotJudged),
            ["tasks_with_prompt_examples"] = report.WithExamples.Count,
            ["prompt_examples"] = report.WithExamples.Sum(t => t.Examples!.Examples),
            ["prompt_examples_disagree"] = Ids(report.ExamplesDisagree),
            ["prompt_examples_not_checked"] = Ids(report.ExamplesNotChecked),
            ["flaky"] = Ids(report.FlakyTasks),
            ["weak_tests"] = Ids(report.WeakTasks),
            ["mean_mutation_score"] = Round(report.MeanMutationScore),
            ["mean_mutation_score_base"] = Round(report.MeanMutationScoreBase),
            ["measured"] = report.Measured,
            ["overhead_dominated"] = Ids(report.OverheadDominated),
            ["unstable_cost"] = Ids(report.Unstable),
            ["duplicates"] = Ids(report.DuplicateTasks),
        };
        var doc = new JsonObject
        {
            ["schema"] = Schema,
            ["suite"] = report.Suite,
            ["tasks_in_suite"] = report.TasksInSuite,
            ["reruns"] = report.Reruns,
            ["max_mutants"] = report.MaxMutants,
            ["rounds"] = report.Rounds,
            ["samples"] = report.Samples,
            ["isolation"] = report.Isolation,
            ["seconds"] = report.Seconds,
            ["summary"] = summary,
            ["tasks"] = new JsonArray(report.Tasks.Select(Task).ToArray()),
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Task(TaskAudit t) => new JsonObject
    {
        ["task_id"] = t.TaskId,
        ["canonical"] = t.Canonical,
        ["canonical_detail"] = t.CanonicalDetail,
        ["canonical_base"] = t.CanonicalBase,
        ["inputs_not_tests"] = t.InputsNotTests,
        ["flaky"] = Strings(t.Flaky),
        ["mutants"] = t.Mutants,
        ["killed"] = t.Killed,
        ["killed_base"] = t.KilledBase,
        ["mutation_score"] = Round(t.MutationScore),
        ["mutation_score_base"] = Round(t.MutationScoreBase),
        ["surviving_mutants"] = Strings(t.Survivors),
        ["cost"] = t.Cost is not { } c ? null : new JsonObject
        {
            ["input"] = c.Input,
            ["reference_s"] = c.ReferenceSeconds,
            ["empty_call_s"] = c.EmptySeconds,
            ["cov"] = Math.Round(c.Cov, 4),
            ["clusters"] = c.Clusters,
            ["overhead_dominated"] = c.OverheadDominated,
            ["stable"] = c.Stable,
            ["detail"] = c.Detail,
            ["levels"] = c.Levels is not { } levels ? null : new JsonArray(levels.Select(l => (JsonNode)new JsonObject
            {
                ["level"] = l.Level,
                ["cases"] = l.Cases,
                ["reference_s_per_case"] = l.ReferenceSeconds,
                ["cov"] = Math.Round(l.Cov, 4),
                ["clusters"] = l.Clusters,
                ["p99_cov"] = Math.Round(l.P99Cov, 4),
            }).ToArray()),
        },
        ["duplicates"] = Strings(t.Duplicates),
        ["prompt_examples"] = t.Examples is not { } e ? null : new JsonObject
        {
            ["examples"] = e.Examples,
            ["verdict"] = e.Verdict,
            ["detail"] = e.Detail,
        },
    };

    private static JsonArray Ids(IEnumerable<TaskAudit> tasks) => Strings(tasks.Select(t => t.TaskId));

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static double? Round(double? v) => v is null ? null : Math.Round(v.Value, 4);
}
