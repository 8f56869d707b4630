using System.Text.Json.Nodes;

namespace PerfJudge.Stress;

/// <summary>What the stress search found for one task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Succeeded">True when inputs were selected.</param>
/// <param name="Detail">Why not, when the search failed.</param>
/// <param name="Method"><c>scale</c> (generator scale search) or <c>fuzz</c> (mutation of test inputs).</param>
/// <param name="Scale">Chosen scale (fuzzing: the largest selected input's literal length).</param>
/// <param name="OriginalCosts">Total cost per reference on the task's test inputs.</param>
/// <param name="OriginalRatio">Slow / fast: last reference / first reference, total cost on the test inputs.</param>
/// <param name="OriginalInputs">The test inputs as Python literals (argument tuples).</param>
/// <param name="SelectedCosts">Total cost per reference on the selected inputs.</param>
/// <param name="SelectedRatio">Slow / fast: last reference / first reference, total cost on the selected inputs.</param>
/// <param name="Inputs">The selected inputs as Python literals (argument tuples).</param>
/// <param name="Origins">Where each selected input comes from (scale and case, or mutation chain).</param>
/// <param name="Candidates">Candidate inputs made.</param>
/// <param name="Discarded">Discarded inputs by reason (generator raised, reference timed out, ...).</param>
/// <param name="Notes">Remarks of the search (generator errors, tests the reference fails).</param>
/// <param name="Raw">The whole reply of the worker (search steps, per-input costs).</param>
/// <param name="FromStore">True when the search was replayed from the store, not measured in this run.</param>
/// <param name="Objective">What the selection maximized: <c>reference cost</c>, <c>slow / fast</c> or <c>sample spread</c>.</param>
/// <param name="SelectedSpread">Given samples: slowest / fastest total cost over the selected inputs among the
/// samples correct on all of them (null with fewer than two).</param>
public sealed record StressOutcome(string TaskId, bool Succeeded, string? Detail, string? Method, long Scale,
    IReadOnlyList<double> OriginalCosts, double? OriginalRatio, IReadOnlyList<string> OriginalInputs,
    IReadOnlyList<double> SelectedCosts, double? SelectedRatio, IReadOnlyList<string> Inputs, IReadOnlyList<string> Origins,
    int Candidates, IReadOnlyDictionary<string, int> Discarded, IReadOnlyList<string> Notes, JsonNode? Raw, bool FromStore = false,
    string? Objective = null, double? SelectedSpread = null)
{
    /// <summary>Inputs kept.</summary>
    public int Kept => Inputs.Count;

    /// <summary>An outcome for a task the worker could not handle at all.</summary>
    public static StressOutcome Failed(string taskId, string detail) =>
        new(taskId, false, detail, null, 0, [], null, [], [], null, [], [], 0, new Dictionary<string, int>(), [], null);

    /// <summary>Reads a worker reply.</summary>
    public static StressOutcome Parse(string taskId, JsonNode reply)
    {
        static List<double> Doubles(JsonNode? n) => n is JsonArray a ? a.Select(x => x!.GetValue<double>()).ToList() : [];
        static List<string> Strings(JsonNode? n) => n is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToList() : [];
        var discarded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (reply["discarded"] is JsonObject d)
        {
            foreach (var (reason, count) in d)
            {
                discarded[reason] = count!.GetValue<int>();
            }
        }
        var passed = reply["verdict"]?.GetValue<string>() == "passed";
        return new StressOutcome(taskId, passed, reply["detail"]?.GetValue<string>(), reply["method"]?.GetValue<string>(),
            reply["scale"]?.GetValue<long>() ?? 0, Doubles(reply["original_costs"]), reply["original_ratio"]?.GetValue<double>(),
            Strings(reply["original_inputs"]), Doubles(reply["selected_costs"]), reply["selected_ratio"]?.GetValue<double>(),
            Strings(reply["inputs"]), Strings(reply["origins"]), reply["candidates"]?.GetValue<int>() ?? 0, discarded,
            Strings(reply["notes"]), reply, false, reply["objective"]?.GetValue<string>(), reply["selected_spread"]?.GetValue<double>());
    }
}
