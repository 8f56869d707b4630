using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfJudge.Pairs;

/// <summary>Writes pairs as JSON lines (<c>perfjudge.pairs/1</c>, docs/pairs.md), close to CodeFavor's
/// format: <c>instruction</c>, <c>criteria</c>, <c>chosen</c>, <c>rejected</c>, plus the evidence (ratio
/// with its interval, meter, cases, verdicts, where each program came from); or, for chat training,
/// each pair twice as messages, once with the chosen program first and once second.</summary>
public static class PairsDocument
{
    /// <summary>Schema identifier written in every line.</summary>
    public const string Schema = "perfjudge.pairs/1";

    // Training data, not HTML: keep code readable (quotes, <, >, backticks unescaped).
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The run a set of pairs comes from.</summary>
    /// <param name="RunId">Run id (null for a results file without one).</param>
    /// <param name="Suite">Suite name.</param>
    /// <param name="Meter">Cost meter of the run.</param>
    /// <param name="CostUnit">Unit of costs.</param>
    public sealed record Source(string? RunId, string Suite, string? Meter, string? CostUnit);

    /// <summary>The criteria sentence of a pair kind.</summary>
    public static string Criteria(string kind, string? meter) => kind == "efficiency"
        ? $"Both programs are correct; prefer the more efficient one (lower total cost on the task's inputs, meter: {meter ?? "unknown"})."
        : "Prefer the program that is correct (passes the task's tests).";

    /// <summary>One JSON line per pair, or two per pair with <paramref name="chat"/>.</summary>
    public static string Render(IEnumerable<PreferencePair> pairs, Func<string, string> instruction, Source source, bool chat)
    {
        var text = new StringBuilder();
        foreach (var pair in pairs)
        {
            var line = Line(pair, instruction(pair.TaskId), source);
            if (!chat)
            {
                text.Append(line.ToJsonString(Json)).Append('\n');
                continue;
            }
            foreach (var chosenFirst in new[] { true, false })
            {
                var chatLine = (JsonObject)line.DeepClone();
                chatLine.Remove("chosen");
                chatLine.Remove("rejected");
                chatLine["chosen_position"] = chosenFirst ? "A" : "B";
                chatLine["messages"] = Messages(pair, instruction(pair.TaskId), source.Meter, chosenFirst);
                text.Append(chatLine.ToJsonString(Json)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static JsonObject Line(PreferencePair pair, string instruction, Source source)
    {
        var line = new JsonObject
        {
            ["schema"] = Schema,
            ["kind"] = pair.Kind,
            ["task_id"] = pair.TaskId,
            ["instruction"] = instruction,
            ["criteria"] = Criteria(pair.Kind, source.Meter),
            ["chosen"] = pair.Chosen.Program,
            ["rejected"] = pair.Rejected.Program,
            ["chosen_from"] = From(pair.Chosen),
            ["rejected_from"] = From(pair.Rejected),
            ["run"] = source.RunId,
            ["suite"] = source.Suite,
        };
        if (pair.Ratio is { } ratio)
        {
            line["ratio"] = Math.Round(ratio.Ratio, 4);
            line["ci95"] = new JsonArray(Math.Round(ratio.Low, 4), Math.Round(ratio.High, 4));
            line["cases"] = pair.Cases;
            line["meter"] = source.Meter;
            line["cost_unit"] = source.CostUnit;
        }
        return line;
    }

    private static JsonObject From(PairSide side)
    {
        var from = new JsonObject { ["model"] = side.Model, ["sample"] = side.Sample, ["line"] = side.Line, ["verdict"] = side.Verdict };
        if (side.Cost is { } cost)
        {
            from["cost"] = cost;
        }
        return from;
    }

    private static JsonArray Messages(PreferencePair pair, string instruction, string? meter, bool chosenFirst)
    {
        var (a, b) = chosenFirst ? (pair.Chosen.Program, pair.Rejected.Program) : (pair.Rejected.Program, pair.Chosen.Program);
        var question = $"{instruction}\nCriteria: {Criteria(pair.Kind, meter)}\n\n[CODE A]\n```python\n{a.TrimEnd()}\n```\n\n[CODE B]\n```python\n{b.TrimEnd()}\n```\n\nWhich code is better with respect to the criteria? Answer with A or B.";
        return new JsonArray(
            new JsonObject { ["role"] = "user", ["content"] = question },
            new JsonObject { ["role"] = "assistant", ["content"] = chosenFirst ? "A" : "B" });
    }
}
