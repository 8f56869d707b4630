using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Reports;

namespace PerfJudge.Stress;

/// <summary>Writes the stressed suite: every target's original line, with the selected inputs
/// appended as a new level carrying literal inputs and the seed (docs/suite-format.md). The file
/// depends only on the suite, the options and the inputs chosen, never on measured costs, so the
/// same choices give the same bytes; costs go to the separate report.</summary>
public static class StressSuiteWriter
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        // Python literals are full of quotes; keep them readable (still valid JSON).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Indented = new(Compact) { WriteIndented = true };

    /// <summary>The suite as JSON Lines text.</summary>
    public static string Render(IReadOnlyList<StressTarget> targets, IReadOnlyList<StressOutcome> outcomes, StressOptions options)
    {
        var text = new StringBuilder();
        for (var i = 0; i < targets.Count; i++)
        {
            var line = (JsonObject)targets[i].Line.DeepClone();
            var outcome = outcomes[i];
            if (outcome.Succeeded)
            {
                if (line["levels"] is not JsonArray levels)
                {
                    levels = [];
                    if (outcome.OriginalInputs.Count > 0)
                    {
                        // The task's own test inputs: a correctness-only level, and the warm-up input.
                        levels.Add(Level(0, outcome.OriginalInputs, 0, null, null));
                    }
                    line["levels"] = levels;
                }
                levels.Add(Level(outcome.Scale, outcome.Inputs, options.Hardness, outcome.Method, options.Seed));
                // The slow references are there to be separated from, not to set how slow a
                // sample may be: only the first (fastest) one sets the time limits.
                line["limit_references"] ??= 1;
            }
            text.Append(line.ToJsonString(Compact)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes the suite file.</summary>
    public static void Write(string path, IReadOnlyList<StressTarget> targets, IReadOnlyList<StressOutcome> outcomes, StressOptions options) =>
        AtomicFile.Write(path, Render(targets, outcomes, options));

    /// <summary>Writes what was measured (costs, ratios, search steps, discards): not reproducible
    /// byte for byte, since costs are measured.</summary>
    public static void WriteReport(string path, IReadOnlyList<StressOutcome> outcomes, StressOptions options, JsonObject run)
    {
        var doc = new JsonObject
        {
            ["schema"] = "perfjudge.stress/1",
            ["run"] = run,
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["tasks"] = new JsonArray(outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["task_id"] = o.TaskId,
                ["succeeded"] = o.Succeeded,
                ["detail"] = o.Detail,
                ["method"] = o.Method,
                ["scale"] = o.Scale,
                ["original_ratio"] = o.OriginalRatio,
                ["selected_ratio"] = o.SelectedRatio,
                ["objective"] = o.Objective,
                ["selected_costs"] = new JsonArray(o.SelectedCosts.Select(c => (JsonNode)c).ToArray()),
                ["selected_spread"] = o.SelectedSpread,
                ["kept"] = o.Kept,
                ["candidates"] = o.Candidates,
                ["discarded"] = JsonSerializer.SerializeToNode(o.Discarded),
                ["worker"] = o.Raw?.DeepClone(),
            }).ToArray()),
        };
        AtomicFile.Write(path, doc.ToJsonString(Indented) + "\n");
    }

    private static JsonObject Level(long size, IReadOnlyList<string> inputs, double hardness, string? method, int? seed)
    {
        var level = new JsonObject { ["size"] = size, ["count"] = inputs.Count, ["hardness"] = hardness };
        if (method is not null)
        {
            level["method"] = "perfjudge stress: " + method;
            level["seed"] = seed;
        }
        level["inputs"] = new JsonArray(inputs.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        return level;
    }
}
